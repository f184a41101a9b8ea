"""Access to the audit trail: the auditors, each for their own organisation only."""

from __future__ import annotations

from typing import Any

from . import roles


def can_read_audit_trail(user: Any) -> bool:
    return roles.is_auditor(user)


def audit_object_url(user: Any, obj: Any) -> str | None:
    """The page of an object named in the audit trail, when this user may open it (an
    auditor reads the trail, not the reports and cases it names)."""
    from django.urls import reverse

    from open_integriteit.accounts.models import User
    from open_integriteit.cases.models import Case
    from open_integriteit.reports.models import Report

    from . import administration, cases, reports

    if isinstance(obj, Case) and cases.can_view_case(user, obj):
        return reverse("cases:detail", args=[obj.reference])
    if isinstance(obj, Report) and reports.can_view_report(user, obj):
        return reverse("reports:staff_report", args=[obj.reference])
    if isinstance(obj, User) and administration.can_manage_user(user, obj):
        return reverse("accounts:user_roles", args=[obj.pk])
    return None
