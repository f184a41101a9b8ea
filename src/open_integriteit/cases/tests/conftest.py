"""Fixtures for case tests: a case team and a case factory with a ``state`` trait.

The team adds pat (case principal) to the shared personas. ``make_case(state=...)`` creates
a case through ``case_create`` and walks it along the shortest path of the transition table
with the real ``case_transition`` service, so every state is reached the way users reach it:
before closing, the coordinator gives feedback on every report that has had none.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import services, workflow
from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import State
from open_integriteit.organisations.models import Organisation
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import MessageKind, Report
from open_integriteit.testing.fixtures import make_user

REASON = "Invented reason for this step."


def shortest_path(target: str, source: str = State.INTAKE) -> list[workflow.Transition]:
    """The transitions of a shortest walk from ``source`` to ``target`` in the table."""
    previous: dict[str, workflow.Transition | None] = {source: None}
    queue = deque([source])
    while queue:
        state = queue.popleft()
        for transition in workflow.TRANSITIONS:
            if transition.source == state and transition.target not in previous:
                previous[transition.target] = transition
                queue.append(transition.target)
    if target not in previous:
        raise AssertionError(f"{target} is not reachable from {source}")
    path: list[workflow.Transition] = []
    state = target
    while (step := previous[state]) is not None:
        path.append(step)
        state = step.source
    return list(reversed(path))


@pytest.fixture
def team(org: Organisation, personas: dict[str, User]) -> dict[str, User]:
    """The personas plus pat, a case principal of the same organisation."""
    return {**personas, "pat": make_user(org, "pat", Role.CASE_PRINCIPAL)}


@pytest.fixture
def actor_for(team: dict[str, User]) -> Callable[[workflow.Transition], User | None]:
    """Who makes a transition in the factory: alice, pat or bob, or the system."""
    by_role = {Role.COORDINATOR: team["alice"], Role.CASE_PRINCIPAL: team["pat"], Role.INVESTIGATOR: team["bob"]}

    def pick(transition: workflow.Transition) -> User | None:
        for role in (Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR):
            if role in transition.roles:
                return by_role[role]
        assert transition.roles == {workflow.SYSTEM}
        return None

    return pick


FEEDBACK = "Invented feedback: the report has been assessed and handled."


def give_feedback(case: Case, by: User) -> None:
    """Feedback on every report of the case that has had none (closing requires it)."""
    for report in Report.objects.filter(case_link__case=case, feedback_at__isnull=True):
        report_services.report_send_message(report=report, by=by, kind=MessageKind.FEEDBACK, body=FEEDBACK)


@pytest.fixture
def walk(team: dict[str, User], actor_for: Callable[[workflow.Transition], User | None]) -> Callable[..., Case]:
    """Make the named transitions in order, each by a team member allowed to make it."""

    def make(case: Case, *names: str) -> Case:
        for name in names:
            transition = workflow.BY_NAME[name]
            if name == "close":
                give_feedback(case, team["alice"])
            case = services.case_transition(case=case, by=actor_for(transition), transition=name, reason=REASON)
            assert case.state == transition.target
        return case

    return make


@pytest.fixture
def make_case(org: Organisation, team: dict[str, User], walk: Callable[..., Case]) -> Callable[..., Case]:
    """A case made by alice, with bob and pat assigned, walked to ``state``."""

    def make(
        *,
        state: str = State.INTAKE,
        reports: Iterable[Report] = (),
        assign: Iterable[str] = ("bob", "pat"),
        title: str = "Invented case about a tender",
        signal: str = "Invented signal from the internal audit.",
        ground: str = "business_integrity",
        **extra: Any,
    ) -> Case:
        reports = list(reports)
        case = services.case_create(
            organisation=org,
            by=team["alice"],
            title=title,
            ground=ground,
            reports=reports,
            signal="" if reports else signal,
            **extra,
        )
        for name in assign:
            services.case_assign(case=case, by=team["alice"], user=team[name])
        return walk(case, *(t.name for t in shortest_path(state)))

    return make
