"""The staff menu. A link is shown exactly when its predicate says the page behind it
opens for this user, so the menu never leads to a 404 (``tests/test_menu.py`` proves it
for every persona)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import (
    administration,
    advice,
    audit,
    cases,
    complaints,
    consultations,
    declarations,
    figures,
    onboarding,
    people,
    procurement,
    programme,
    regulations,
    reports,
    trainings,
)


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Any  # a lazy translation
    nav: str  # the page's ``nav`` context value that marks the entry as current
    allowed: Callable[[Any], bool]


MENU: tuple[MenuEntry, ...] = (
    MenuEntry("reports:staff_dashboard", _("Dashboard"), "dashboard", reports.can_list_reports),
    MenuEntry("reports:deadlines", _("Deadlines"), "deadlines", reports.can_list_reports),
    MenuEntry("reports:staff_list", _("Reports"), "reports", reports.can_list_reports),
    MenuEntry("cases:list", _("Cases"), "cases", cases.can_list_cases),
    MenuEntry("reports:staff_register", _("Register a report"), "register", reports.can_register_report),
    MenuEntry("consultations:contact_list", _("My contact log"), "consultation_log", consultations.can_keep_log),
    MenuEntry("consultations:overview", _("Confidential advisers"), "consultations", consultations.can_oversee),
    MenuEntry("advice:list", _("Advice"), "advice", advice.can_handle_advice),
    MenuEntry("people:list", _("People"), "people", people.can_list_people),
    MenuEntry("declarations:my_overview", _("My declarations"), "my_declarations", declarations.can_declare),
    MenuEntry(
        "declarations:queue", _("Review declarations"), "declaration_queue", declarations.can_open_decision_queue
    ),
    MenuEntry("declarations:rounds", _("Update rounds"), "rounds", declarations.can_view_rounds),
    MenuEntry("onboarding:overdue", _("Oath and affirmation"), "onboarding", onboarding.can_view_overdue),
    MenuEntry("trainings:compliance", _("Trainings"), "trainings", trainings.can_open_trainings),
    MenuEntry("people:vulnerable", _("Vulnerable posts"), "vulnerable_posts", people.can_view_vulnerable_posts),
    MenuEntry(
        "procurement:deviations",
        _("Procurement deviations and Bibob"),
        "procurement",
        procurement.can_keep_procurement,
    ),
    MenuEntry("complaints:overview", _("Complaints and incidents"), "complaints", complaints.can_keep_complaints),
    MenuEntry("regulations:list", _("Rules and codes"), "regulations", regulations.can_manage_regulations),
    MenuEntry("programme:current", _("Annual programme"), "programme", programme.can_manage_programme),
    MenuEntry("figures:overview", _("Figures"), "figures", figures.can_read_figures),
    MenuEntry("reports:typology", _("Categories"), "typology", reports.can_manage_typology),
    MenuEntry("audit:event_list", _("Audit trail"), "audit", audit.can_read_audit_trail),
    MenuEntry("accounts:user_list", _("Users and roles"), "users", administration.can_manage_users),
    MenuEntry("accounts:role_approvals", _("Roles to approve"), "role_approvals", administration.can_approve_roles),
    MenuEntry("organisations:branding", _("Organisation settings"), "branding", administration.can_manage_organisation),
    MenuEntry(
        "accounts:oidc_configuration",
        _("Log-in with the organisation's account"),
        "oidc",
        administration.can_configure_oidc,
    ),
)


def menu_for(user: Any) -> list[MenuEntry]:
    return [entry for entry in MENU if entry.allowed(user)]


def home_url_name(user: Any) -> str:
    """Where a user lands after logging in: the first of these they may open, else the profile."""
    for url_name, allowed in (
        ("reports:staff_dashboard", reports.can_list_reports),
        ("audit:event_list", audit.can_read_audit_trail),
        ("accounts:user_list", administration.can_manage_users),
        ("people:list", people.can_list_people),
        ("declarations:queue", declarations.can_open_decision_queue),
        ("declarations:my_overview", declarations.can_declare),
    ):
        if allowed(user):
            return url_name
    return "accounts:profile"
