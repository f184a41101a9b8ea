"""Random sequences of steps by random roles never take a case anywhere the table does not
allow (hypothesis).

Each example starts from a fresh case in intake and runs inside a transaction that is
rolled back afterwards, so examples do not leak into each other. Steps are drawn half from
the steps that leave the current state (so walks get deep: closed and destroyed are
reached) and half from all step names; roles half from the step's own roles and half from
all roles, the system included. A close the table allows is still refused, with a message,
while ``close_problems`` names something (an investigated case without a final summary).
"""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from open_integriteit.access import roles
from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services, workflow
from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import BY_NAME, TRANSITIONS, State
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

NAMES = sorted(BY_NAME)
EDGES = {(t.source, t.target) for t in TRANSITIONS}


@pytest.fixture
def cast(org, team, make_case):
    """One case in intake and, per role, a user holding only that role (assigned if possible)."""
    case = make_case(assign=())
    users = {workflow.SYSTEM: None, Role.COORDINATOR: team["alice"]}
    for role in set(Role.values) - {Role.COORDINATOR}:
        user = make_user(org, f"only-{role}", role)
        if roles.is_content_staff(user):
            services.case_assign(case=case, by=team["alice"], user=user)
        users[role] = user
    return case, users


def _steps(state: str) -> st.SearchStrategy[str]:
    outgoing = [t.name for t in TRANSITIONS if t.source == state]
    everything = st.sampled_from(NAMES)
    return st.sampled_from(outgoing) | everything if outgoing else everything


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_steps_by_random_roles_follow_the_table(cast, data):
    case_id, users = cast[0].pk, cast[1]
    with transaction.atomic():
        case = Case.objects.get(pk=case_id)
        assert case.state == State.INTAKE
        first_event = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
        visited = [case.state]
        for _step in range(data.draw(st.integers(min_value=0, max_value=25), label="steps")):
            state = visited[-1]
            name = data.draw(_steps(state), label="transition")
            spec = BY_NAME[name]
            role = data.draw(st.sampled_from(sorted(spec.roles)) | st.sampled_from(workflow.ALL_ROLES), label="role")
            reason = data.draw(st.sampled_from(["", "Invented reason"]), label="reason")
            expected = workflow.allowed(state=state, transition=name, roles={role})
            blocked = expected and name == "close" and bool(services.close_problems(Case.objects.get(pk=case_id)))

            outcome = "made"
            try:
                services.case_transition(case=case, by=users[role], transition=name, reason=reason)
            except PermissionDenied:
                outcome = "refused"
            except ValidationError:
                outcome = "invalid"

            now = Case.objects.filter(pk=case_id).values_list("state", flat=True).get()
            assert now in State.values
            if not expected:
                assert outcome == "refused", (state, name, role)
                assert now == state
            elif (spec.needs_reason and not reason) or blocked:
                assert outcome == "invalid", (state, name, role)
                assert now == state
            else:
                assert outcome == "made", (state, name, role)
                assert now == spec.target
                visited.append(now)

        event(f"final state: {visited[-1]}")
        # The states visited form a path in the table, starting at intake...
        assert visited[0] == State.INTAKE
        for source, target in itertools.pairwise(visited):
            assert (source, target) in EDGES, (source, target)
        # ...and the audit trail records exactly these moves, nothing else.
        moves = [
            (e.details["source"], e.details["target"])
            for e in AuditEvent.objects.filter(action="case.transition", object_id=str(case_id))
            .filter(sequence__gt=first_event or 0)
            .order_by("sequence")
        ]
        assert moves == list(itertools.pairwise(visited))
        transaction.set_rollback(True)
