"""Access to reports (meldingen) and to the reporter's identity.

A report outside a case: a coordinator of its organisation sees it, and so does a
colleague with a content role assigned to it. A report that is part of a case follows the
case: whoever sees the case sees its reports, and report-level assignments no longer
count (the case's team is the report's team; nothing is copied). Nobody implicated in the
report, or in its case, sees it; nor does the administrator or another organisation.

The reporter's identity is for the reporting point: a coordinator who sees the report, or
a colleague a coordinator granted it to for this report (``IdentityGrant``), each time
with a reason that is logged.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from open_integriteit.accounts.models import Role, User
from open_integriteit.cases.models import CaseReport
from open_integriteit.reports.models import Assignment, IdentityGrant, Implication, Report

from . import cases, implications, roles


def reports_visible_to(user: Any) -> QuerySet[Report]:
    """Every report the user has need-to-know for (none for anyone else)."""
    if not roles.is_content_staff(user):
        return Report.objects.none()
    outside_a_case = Q(case_link__isnull=True)
    if not roles.is_coordinator(user):
        outside_a_case &= Q(Exists(Assignment.objects.filter(report=OuterRef("pk"), user=user)))
    in_a_visible_case = Q(case_link__case__in=cases.cases_visible_to(user).values("pk"))
    return (
        Report.objects.filter(organisation_id=user.organisation_id)
        .exclude(Exists(Implication.objects.filter(report=OuterRef("pk"), user=user)))
        .filter(outside_a_case | in_a_visible_case)
    )


def can_view_report(user: Any, report: Report) -> bool:
    return reports_visible_to(user).filter(pk=report.pk).exists()


def can_list_reports(user: Any) -> bool:
    """The dashboard and the report list (which show only the user's own reports)."""
    return roles.is_content_staff(user)


def can_register_report(user: Any) -> bool:
    """Register a report received by phone, letter, in person or through an adviser or manager."""
    return roles.holds(user, Role.COORDINATOR, Role.CONFIDENTIAL_ADVISER, Role.MANAGER)


def can_see_registration(user: Any, report: Report) -> bool:
    """The page after registering a report (its reference, the receipt code once): only for
    whoever registered it, while they may still register reports."""
    return report.registered_by_id is not None and report.registered_by_id == user.pk and can_register_report(user)


def can_manage_typology(user: Any) -> bool:
    """Switch categories of the organisation's typology on or off and add own ones."""
    return roles.holds(user, Role.COORDINATOR, Role.ADMINISTRATOR)


def can_coordinate_report(user: Any, report: Report) -> bool:
    """Classify the report and start a case for it."""
    return roles.is_coordinator(user) and can_view_report(user, report)


def case_id_of(report: Report) -> int | None:
    return CaseReport.objects.filter(report=report).values_list("case_id", flat=True).first()


def can_assign(user: Any, report: Report) -> bool:
    """Assign colleagues to the report itself: only while it is not part of a case."""
    return can_coordinate_report(user, report) and case_id_of(report) is None


def implicated_in_report(report: Report) -> QuerySet[Any]:
    """Ids of everyone who may never see the report: implicated in it, or in its case."""
    case_id = case_id_of(report)
    if case_id is not None:
        return cases.implicated_in_case(case_id)
    return Implication.objects.filter(report=report).values("user_id")


def report_team(report: Report) -> QuerySet[User]:
    """The colleagues assigned to the report (the case's team when it is part of a case)
    who may still see it."""
    case_id = case_id_of(report)
    assigned = Q(case_assignments__case_id=case_id) if case_id is not None else Q(report_assignments__report=report)
    return roles.content_staff_of(report.organisation_id).filter(assigned).exclude(pk__in=implicated_in_report(report))


def reporting_point_for(report: Report) -> QuerySet[User]:
    """The coordinators who may see the report."""
    return roles.coordinators_of(report.organisation_id).exclude(pk__in=implicated_in_report(report))


def is_about_a_coordinator(report: Report) -> bool:
    return implications.concerns_a_coordinator(report.organisation_id, implicated_in_report(report))


def people_user_may_implicate(user: Any, report: Report) -> QuerySet[User]:
    """Everyone whose implication in the report the user decides (``access.implications``)."""
    return implications.people_decided_by(
        user,
        organisation_id=report.organisation_id,
        sees=can_view_report(user, report),
        about_a_coordinator=lambda: is_about_a_coordinator(report),
    )


def can_decide_implication(user: Any, report: Report, person: Any) -> bool:
    """Mark ``person`` implicated in the report, or withdraw a mistaken mark."""
    return people_user_may_implicate(user, report).filter(pk=person.pk).exists()


def can_grant_identity(user: Any, report: Report) -> bool:
    """Let a colleague of the report's team see the reporter's identity (and revoke it)."""
    return roles.is_coordinator(user) and can_view_report(user, report)


def identity_grantable_to(report: Report) -> QuerySet[User]:
    """The report's team, but not the coordinators: they have the identity anyway."""
    return report_team(report).exclude(pk__in=roles.coordinators_of(report.organisation_id).values("pk"))


def has_identity_grant(user: Any, report: Report) -> bool:
    return IdentityGrant.objects.filter(report=report, user_id=user.pk, revoked_at__isnull=True).exists()


def can_disclose_identity(user: Any, report: Report) -> bool:
    """See the reporter's identity (each time with a reason that is logged)."""
    if not can_view_report(user, report):
        return False
    return roles.is_coordinator(user) or has_identity_grant(user, report)
