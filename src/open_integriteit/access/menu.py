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
    annual_reports,
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
    description: Any = ""  # on the registers page: what one finds behind the link
    covers: frozenset[str] = frozenset()  # further ``nav`` values that mark this entry as current

    def is_current(self, nav: str | None) -> bool:
        return nav == self.nav or nav in self.covers


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
    MenuEntry(
        "organisations:registers",
        _("Registers and figures"),
        "registers",
        lambda user: any(entry.allowed(user) for entry in REGISTERS),
        covers=frozenset(),  # set below, from REGISTERS
    ),
    MenuEntry(
        "annual_reports:shared_overview",
        _("Organisations served"),
        "shared_overview",
        annual_reports.can_view_shared_service_overview,
    ),
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


# The registers, the figures and the annual report: one menu entry ("Registers and figures")
# leads to a page listing those a user may open, so the main menu stays short.
REGISTERS: tuple[MenuEntry, ...] = (
    MenuEntry(
        "onboarding:overdue",
        _("Oath and affirmation"),
        "onboarding",
        onboarding.can_view_overdue,
        _("Ceremonies, who is due to take the oath, integrity statements and certificates of conduct."),
    ),
    MenuEntry(
        "trainings:compliance",
        _("Trainings"),
        "trainings",
        trainings.can_open_trainings,
        _("Sessions such as the dilemma game, and who has not yet followed a mandatory training."),
    ),
    MenuEntry(
        "people:vulnerable",
        _("Vulnerable posts"),
        "vulnerable_posts",
        people.can_view_vulnerable_posts,
        _("The checklist per post and the list of vulnerable posts adopted by the executive."),
    ),
    MenuEntry(
        "procurement:deviations",
        _("Procurement deviations and Bibob"),
        "procurement",
        procurement.can_keep_procurement,
        _("Deviations from the procurement rules, and Bibob risk analyses and investigations."),
    ),
    MenuEntry(
        "complaints:overview",
        _("Complaints and incidents"),
        "complaints",
        complaints.can_keep_complaints,
        _("Complaints about unwanted behaviour and other integrity complaints, and integrity incidents."),
    ),
    MenuEntry(
        "regulations:list",
        _("Rules and codes"),
        "regulations",
        regulations.can_manage_regulations,
        _("Codes of conduct, the reporting procedure and the other integrity rules, with their review dates."),
    ),
    MenuEntry(
        "programme:current",
        _("Annual programme"),
        "programme",
        programme.can_manage_programme,
        _("The action points of this year and the next, and what became of last year's."),
    ),
    MenuEntry(
        "figures:overview",
        _("Figures"),
        "figures",
        figures.can_read_figures,
        _("Every figure of a year, survey indicators and the totals of years before this system."),
    ),
    MenuEntry(
        "annual_reports:list",
        _("Annual reports"),
        "annual_reports",
        annual_reports.can_manage_annual_reports,
        _("The yearly integrity report to the council, generated from these figures."),
    ),
)
MENU = tuple(
    MenuEntry(e.url_name, e.label, e.nav, e.allowed, e.description, frozenset(r.nav for r in REGISTERS))
    if e.url_name == "organisations:registers"
    else e
    for e in MENU
)


def registers_for(user: Any) -> list[MenuEntry]:
    return [entry for entry in REGISTERS if entry.allowed(user)]


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
