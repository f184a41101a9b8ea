"""Access to cases (dossiers).

Who sees a case: a coordinator of its organisation, or a colleague with a content role
assigned to it; never someone implicated in the case or in one of its reports, never an
administrator, never another organisation. What they may record there depends on their
role (``WORK``); which steps they may take, on the transition table (``cases.workflow``).
The reports of a case follow the case (``access.reports``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import workflow
from open_integriteit.cases.models import Case, CaseAssignment, CaseImplication
from open_integriteit.reports.models import Implication

from . import implications, roles

C, P, I = Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR  # noqa: E741

# What someone who sees the case may record on it, by role; the coordinator always may.
# An empty set: everyone who sees the case.
WORK: dict[str, frozenset[str]] = {
    "note": frozenset(),
    "party": frozenset({I}),
    "risk": frozenset({I}),
    "assessment": frozenset({I}),
    "allegation": frozenset({I, P}),
    "finding": frozenset({I}),
    "hearing": frozenset({I}),
    "document": frozenset({I, P}),
    "measure": frozenset({P}),
    "protection": frozenset({P}),
    "external": frozenset({P}),
    "lessons": frozenset({P}),
    "summary": frozenset({P}),
}


def implicated_in_case(case_id: int) -> QuerySet[Any]:
    """Ids of everyone implicated in the case or in one of its reports."""
    in_reports = Implication.objects.filter(report__case_link__case_id=case_id).values("user_id")
    return User.objects.filter(Q(case_implications__case_id=case_id) | Q(pk__in=in_reports)).values("pk")


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case the user has need-to-know for (none for anyone else)."""
    if not roles.is_content_staff(user):
        return Case.objects.none()
    implicated = Exists(CaseImplication.objects.filter(case=OuterRef("pk"), user=user)) | Exists(
        Implication.objects.filter(report__case_link__case=OuterRef("pk"), user=user)
    )
    qs = Case.objects.filter(organisation_id=user.organisation_id).exclude(implicated)
    if not roles.is_coordinator(user):
        qs = qs.filter(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=user)))
    return qs


def can_view_case(user: Any, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def can_list_cases(user: Any) -> bool:
    return roles.is_content_staff(user)


def can_create_case(user: Any) -> bool:
    return roles.is_coordinator(user)


def can_hand_over(user: Any) -> bool:
    """Move every open case and report of a leaving handler to a colleague."""
    return roles.is_coordinator(user)


def can_set_retention(user: Any) -> bool:
    return roles.is_coordinator(user)


def can_coordinate_case(user: Any, case: Case) -> bool:
    """Assign and unassign, group reports, register a retaliation complaint."""
    return roles.is_coordinator(user) and can_view_case(user, case)


def _role_fits(user: Any, work: str) -> bool:
    needed = WORK[work]
    return not needed or roles.holds(user, C, *needed)


def can_work_on_case(user: Any, case: Case, work: str) -> bool:
    """Record ``work`` (a key of ``WORK``) on the case."""
    return _role_fits(user, work) and can_view_case(user, case)


def work_allowed(user: Any, case: Case) -> dict[str, bool]:
    """``can_work_on_case`` for every kind of work at once (for the case page)."""
    sees = can_view_case(user, case)
    return {work: sees and _role_fits(user, work) for work in WORK}


def transitions_for(user: Any, case: Case) -> list[workflow.Transition]:
    """The steps of the transition table this user may take on the case now."""
    if not can_view_case(user, case):
        return []
    return workflow.available(state=case.state, roles=roles_for_workflow(user))


def roles_for_workflow(user: Any) -> frozenset[str]:
    """The roles the transition table is checked against (``None``: the system)."""
    return frozenset({workflow.SYSTEM}) if user is None else roles.roles_of(user)


def is_about_a_coordinator(case: Case) -> bool:
    return implications.concerns_a_coordinator(case.organisation_id, implicated_in_case(case.pk))


def people_user_may_implicate(user: Any, case: Case) -> QuerySet[User]:
    """Everyone whose implication in the case the user decides (``access.implications``)."""
    return implications.people_decided_by(
        user,
        organisation_id=case.organisation_id,
        sees=can_view_case(user, case),
        about_a_coordinator=lambda: is_about_a_coordinator(case),
    )


def can_decide_implication(user: Any, case: Case, person: Any) -> bool:
    """Mark ``person`` implicated in the case, or withdraw a mistaken mark."""
    return people_user_may_implicate(user, case).filter(pk=person.pk).exists()


def implication_deciders(case: Case, person: Any) -> list[User]:
    """Who to ask when a handler who may not decide names ``person`` as the case's subject."""
    candidates = roles.content_staff_of(case.organisation_id, C, P).exclude(pk=person.pk)
    return [user for user in candidates if can_decide_implication(user, case, person)]


def can_see_reporter_activity(user: Any, case: Case) -> bool:
    """Mailbox log-ins, reads and replies of the reporter: for the reporting point only (ADR 0006)."""
    return roles.is_coordinator(user) and can_view_case(user, case)


def case_team(case: Case) -> QuerySet[User]:
    """The colleagues assigned to the case who may still see it."""
    return (
        roles.content_staff_of(case.organisation_id)
        .filter(case_assignments__case=case)
        .exclude(pk__in=implicated_in_case(case.pk))
    )
