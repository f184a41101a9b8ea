"""The default chapters of the annual report (issue 10, DOMAIN.md §4.8).

They follow what our users write today: the Zuid-Holland reports (introduction, vision and
framework, activities, reports/investigations/conversations, the cases table, the advisers'
topics, action points, survey) and the Utrecht template's appendix 2 (the figures list). An
organisation switches chapters off, reorders them and adds its own (``TemplateChapter``);
a new report copies its organisation's template.

Each chapter names the figures it shows by their statistics keys (``figures.registry``,
``docs/adr/0025-counting-rules.md``); a key no app declares is skipped, so a chapter never
shows a figure that cannot be counted. ``tables`` name the generated tables of ``document``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str | Promise
    figures: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    # The text a new report starts with in this chapter: a hint for the coordinator.
    hint: str | Promise = ""


UTRECHT_FIGURES = (
    "onboarding.oaths",
    "onboarding.partner_oaths",
    "reports.reports",
    "reports.by_category",
    "reports.wbk",
    "cases.retaliation_claims",
    "cases.opened",
    "cases.closed",
    "cases.findings",
    "cases.decisions",
    "cases.measures",
    "complaints.incidents",
    "complaints.incident_actions",
    "complaints.complaints",
    "complaints.complaints_external",
    "complaints.complaint_outcomes",
    "procurement.deviations",
    "procurement.deviations_amount",
    "consultations.contacts",
    "consultations.conversations",
    "trainings.sessions",
    "trainings.participants",
    "advice.requests",
)

DEFAULT_CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        "introduction",
        _("Introduction and scope"),
        hint=_("Which organisation and which years this report covers, and for whom it is written."),
    ),
    Chapter(
        "framework",
        _("Vision and framework"),
        figures=("regulations.adopted",),
        tables=("regulations",),
        hint=_("The vision on integrity and the rules and codes in force."),
    ),
    Chapter(
        "activities",
        _("Activities"),
        figures=(
            "onboarding.ceremonies",
            "onboarding.oaths",
            "onboarding.partner_oaths",
            "onboarding.integrity_statements",
            "trainings.sessions",
            "trainings.participants",
            "trainings.mandatory_compliance",
        ),
        tables=("oaths_per_group", "participants_per_kind"),
        hint=_("Oath ceremonies, dilemma sessions, webinars, trainings and communication."),
    ),
    Chapter(
        "reports",
        _("Reports, investigations and conversations"),
        figures=(
            "reports.reports",
            "reports.by_category",
            "reports.wbk",
            "cases.opened",
            "cases.closed",
            "cases.findings",
            "cases.external_bureau",
            "cases.external_costs",
            "cases.retaliation_claims",
            "complaints.complaints",
            "complaints.complaints_external",
            "complaints.complaint_outcomes",
            "complaints.incidents",
            "procurement.bibob_risk_analyses",
            "procurement.bibob_investigations",
            "advice.requests",
            "consultations.contacts",
        ),
        hint=_(
            "Whistleblower reports, business and social integrity, complaints, preventive screening and "
            "Bibob, advice given, the confidential advisers and administrative integrity."
        ),
    ),
    Chapter("cases_table", _("Overview of the cases"), tables=("cases",)),
    Chapter(
        "adviser_topics",
        _("Topics of the confidential advisers"),
        figures=("consultations.contacts",),
        tables=("adviser_topics",),
    ),
    Chapter(
        "programme",
        _("Action points"),
        figures=("programme.actions",),
        tables=("programme",),
        hint=_("Last year's action points with their outcome, and the plan for next year."),
    ),
    Chapter("indicators", _("Staff survey"), tables=("indicators",)),
    Chapter("figures", _("Figures"), figures=UTRECHT_FIGURES, tables=("registers",)),
)

BY_KEY = {chapter.key: chapter for chapter in DEFAULT_CHAPTERS}
