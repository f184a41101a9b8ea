"""Need-to-know, generated from the URL conf: every named URL (and every action of the
report and case pages, from their actions tables) is visited by every persona of
``world.py``, each visit on the same world (a savepoint is rolled back after it).

``EXPECTATIONS`` is the one table of who may open what. For each URL:

- the ``allowed`` personas are the positive control: the page opens (200), a post
  succeeds (a redirect, not to a log-in page) and writes its audit event;
- the ``declined`` personas may see what the page is about but not do this: they get an
  answer (a message or the form again), and nothing changes;
- everyone else is refused: 404 for an account, the log-in page for a visitor without
  one; nothing changes and nothing is logged as read.

A URL or action without an entry fails the test (add who may open it); an entry without a
URL fails too (the URL was renamed or removed).
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Max
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from open_integriteit.access import menu
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services as case_services
from open_integriteit.cases import views as case_views
from open_integriteit.cases.workflow import State
from open_integriteit.figures.tests import need_to_know as figures_world
from open_integriteit.reports import services as report_services
from open_integriteit.reports.views import staff as report_views
from open_integriteit.testing.fixtures import PASSWORD, REPORT_DATA, shortest_path, walk_case

from .world import EVERYONE, STAFF, World

pytestmark = pytest.mark.django_db

# Views with an ``action`` in their URL: the actions are the keys of these tables.
ACTION_TABLES: dict[str, Mapping[str, Any]] = {
    "cases:action": case_views.ACTIONS,
    "reports:staff_action": report_views.ACTIONS,
}
CONTENT_STAFF = frozenset({"alice", "bob", "carol", "dave", "pat", "vera", "grace"})
CASE_TEAM = frozenset({"alice", "bob", "pat"})  # who sees the case and its report
REPORT_TEAM = frozenset({"alice", "bob"})  # who sees the report outside the case
OUR_COORDINATORS = frozenset({"alice"})
COORDINATORS = frozenset({"alice", "grace"})  # each in their own organisation
APPS = [
    "organisations",
    "accounts",
    "audit",
    "reports",
    "cases",
    "consultations",
    "advice",
    "people",
    "declarations",
    "onboarding",
    "trainings",
    "procurement",
    "complaints",
    "lists",
    "indicators",
    "figures",
    "annual_reports",
    "otp_totp",
    "otp_static",
    "regulations",
    "programme",
]
# Vulnerable posts: who assesses posts and records the adopted list (in their own organisation).
VULNERABLE_KEEPERS = frozenset({"alice", "grace", "rita"})


def _vw(name: str) -> Any:
    """A helper of the vulnerable posts' world (``people/tests/vulnerable_world.py``)."""
    from open_integriteit.people.tests import vulnerable_world

    return lambda *args: getattr(vulnerable_world, name)(*args)


# The people register: the coordinators and our register clerk see their organisation's,
# dave and otto the people of the units they manage (world.py); the administrator nobody.
REGISTER = frozenset({"alice", "grace", "rita", "dave", "otto"})


@dataclass(frozen=True)
class Visit:
    allowed: frozenset[str]
    method: str = "get"
    args: Callable[[World], list[Any]] = lambda w: []
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    declined: frozenset[str] = frozenset()
    state: str | None = None  # of the world's case: walked there from intake (None: stays in intake)
    prepare: Callable[[World], Any] | None = None
    status: int | None = None  # for the allowed; default: 200 for a page, 302 for a post
    writes: bool | None = None  # an audit event by the allowed persona; default: for posts
    shows: Callable[[World], str] | None = None  # text that only ``sees`` find on the page
    sees: frozenset[str] = field(default_factory=frozenset)


def get(allowed: Iterable[str], **kwargs: Any) -> Visit:
    return Visit(allowed=frozenset(allowed), **kwargs)


def post(allowed: Iterable[str], data: Callable[[World], dict[str, Any]], **kwargs: Any) -> Visit:
    return Visit(allowed=frozenset(allowed), method="post", data=data, **kwargs)


def on_report(allowed: Iterable[str], data: Callable[[World], dict[str, Any]], **kwargs: Any) -> Visit:
    """An action on the report outside the case; its team may see it, the rest of it is declined."""
    allowed = frozenset(allowed)
    return post(allowed, data, args=lambda w: [w.report.reference], declined=REPORT_TEAM - allowed, **kwargs)


def on_case(allowed: Iterable[str], data: Callable[[World], dict[str, Any]], **kwargs: Any) -> Visit:
    """An action on the case; its team may see it, the rest of it is declined."""
    allowed = frozenset(allowed)
    return post(allowed, data, args=lambda w: [w.case.reference], declined=CASE_TEAM - allowed, **kwargs)


def pk(name: str) -> Callable[[World], str]:
    return lambda w: str(w.people[name].pk)


def person(external_id: str) -> Callable[[World], list[Any]]:
    from open_integriteit.people.models import Person

    return lambda w: [Person.objects.get(organisation=w.org, external_id=external_id).pk]


def a_post(unit_code: str, title: str) -> Callable[[World], list[Any]]:
    from open_integriteit.people.models import Post

    return lambda w: [Post.objects.get(organisation=w.org, unit__code=unit_code, title=title).pk]


def a_unit(unit_code: str) -> Callable[[World], str]:
    from open_integriteit.people.models import Unit

    return lambda w: str(Unit.objects.get(organisation=w.org, code=unit_code).pk)


def _annual_report(w: World) -> list[Any]:
    from open_integriteit.annual_reports import services as annual_report_services

    report = annual_report_services.report_create(
        organisation=w.org, first_year=2025, last_year=2025, by=w.people["alice"]
    )
    return [report.pk]


def _chapter(w: World, *, own: bool = False) -> int:
    """A chapter of the world's organisation's report template (an own one: added first)."""
    from open_integriteit.annual_reports import services as annual_report_services

    if own:
        return annual_report_services.template_chapter_add(
            organisation=w.org, title="Invented chapter", by=w.people["alice"]
        ).pk
    return next(c.pk for c in annual_report_services.template_chapters(organisation=w.org) if c.key == "framework")


def _chapter_args(w: World) -> list[Any]:
    return [_chapter(w)]


def _shared_service(w: World) -> Any:
    """Grace's organisation, made a shared service."""
    w.other_org.kind = "shared_service"
    w.other_org.save(update_fields=["kind"])
    return w.other_org


def _served_by(w: World) -> Any:
    """Our organisation served by grace's shared service (recorded by erin)."""
    from open_integriteit.organisations.services import served_organisation_add

    return served_organisation_add(organisation=w.org, shared_service=_shared_service(w), by=w.people["erin"])


# Preparations that change who a persona is, not just what is there (``test_menu`` leaves them out).
WORLD_CHANGES = frozenset({_served_by})


ADOPTION_DATA = {"adopted_on": "2026-03-10", "adopted_by": "Invented executive", "decision_reference": "INV-1"}


def _adopted_annual_report(w: World, *, files: bool = False) -> list[Any]:
    from open_integriteit.annual_reports import document, privacy
    from open_integriteit.annual_reports import services as annual_report_services
    from open_integriteit.annual_reports import tasks as annual_report_tasks
    from open_integriteit.annual_reports.models import AnnualReport

    (pk,) = _annual_report(w)
    report = AnnualReport.objects.get(pk=pk)
    for flag in privacy.flags(report, document.build(report)):  # the world's small numbers
        annual_report_services.flag_accept(report=report, code=flag.code, reason="Invented.", by=w.people["alice"])
    annual_report_services.report_adopt(
        report=report, by=w.people["alice"], **{**ADOPTION_DATA, "adopted_on": dt.date.fromisoformat(TODAY)}
    )
    if files:  # the worker's job, run here: on_commit does not fire inside the test's transaction
        annual_report_tasks.render_files(pk)
    return [pk]


def _flagged_annual_report(w: World) -> Any:
    """The 2025 draft, its introduction naming an e-mail address: one flag of the privacy check."""
    from open_integriteit.annual_reports import services as annual_report_services
    from open_integriteit.annual_reports.models import AnnualReport

    report = AnnualReport.objects.filter(organisation=w.org, first_year=2025).first()
    if report is None:
        report = AnnualReport.objects.get(pk=_annual_report(w)[0])
        section = report.sections.get(key="introduction")
        annual_report_services.section_update(
            section=section,
            title=section.title,
            narrative="Mail invented@example.invalid.",
            enabled=True,
            by=w.people["alice"],
        )
    return report


def _checked_annual_report(w: World) -> list[Any]:
    """The 2025 draft with every flag of the privacy check accepted: ready to adopt."""
    from open_integriteit.annual_reports import document, privacy
    from open_integriteit.annual_reports import services as annual_report_services
    from open_integriteit.annual_reports.models import AnnualReport

    report = AnnualReport.objects.get(pk=_annual_report(w)[0])
    for flag in privacy.flags(report, document.build(report)):  # the world's small numbers
        annual_report_services.flag_accept(report=report, code=flag.code, reason="Invented.", by=w.people["alice"])
    return [report.pk]


def _flag_to_accept(w: World) -> dict[str, Any]:
    from open_integriteit.annual_reports import document, privacy

    report = _flagged_annual_report(w)
    (flag,) = [f for f in privacy.flags(report, document.build(report)) if f.code.startswith("text:")]
    return {"code": flag.code, "reason": "Invented reason."}


def _failed_annual_report(w: World) -> list[Any]:
    """An adopted report whose files failed to be made (as ``tasks.render_files`` records it)."""
    from django.utils import timezone

    from open_integriteit.annual_reports.models import AnnualReport

    (pk,) = _adopted_annual_report(w)
    AnnualReport.objects.filter(pk=pk).update(render_failed_at=timezone.now())
    return [pk]


def _published_annual_report(w: World) -> list[Any]:
    from open_integriteit.annual_reports import services as annual_report_services
    from open_integriteit.annual_reports.models import AnnualReport

    (pk,) = _adopted_annual_report(w, files=True)
    annual_report_services.report_publish(report=AnnualReport.objects.get(pk=pk), by=w.people["alice"])
    return [pk]


def _hr_upload(w: World) -> dict[str, Any]:
    from open_integriteit.people.tests.files import world_hr_file

    return {"file": SimpleUploadedFile("hr.csv", world_hr_file(), content_type="text/csv"), "mode": "import"}


def _grant_identity_to_bob(w: World) -> None:
    report_services.identity_grant(report=w.report, by=w.people["alice"], user=w.people["bob"], reason="Invented")


def _clean_summary(w: World) -> None:
    case_services.summary_update(
        case=w.case,
        by=w.people["pat"],
        summary_year=2025,
        summary_description="A report about a tender.",
        summary_findings="Partly founded.",
        summary_consequence="Agreements were made.",
    )


def _retention_periods(w: World) -> dict[str, int]:
    from open_integriteit.retention import registry
    from open_integriteit.retention.forms import field_name

    return {field_name(key): period.default_months + 1 for key, period in registry.periods().items()}


def _leaver(w: World) -> int:
    """A deactivated colleague (not a persona: a deactivated persona could not visit)."""
    from open_integriteit.accounts import services as account_services

    leaver = account_services.user_create(organisation=w.org, username="leaver", roles=["employee"])
    account_services.user_deactivate(user=leaver, by=w.people["erin"])
    return leaver.pk


def _leaver_pk() -> int:
    from open_integriteit.accounts.models import User

    return User.objects.get(username="leaver").pk


def _propose_role(w: World) -> None:
    from open_integriteit.accounts import services as account_services

    account_services.role_assign(user=w.people["mila"], role="investigator", by=w.people["erin"])


def _pending_pk(w: World) -> int:
    from open_integriteit.accounts.models import RoleAssignment

    return RoleAssignment.objects.get(user=w.people["mila"], role="investigator").pk


def _oidc_configured(w: World) -> None:
    """The organisation's identity provider, set up (its endpoints as discovery would give them)."""
    from open_integriteit.accounts.models import OidcConfiguration

    base = "https://login.example.invalid"
    OidcConfiguration.objects.create(
        organisation=w.org,
        enabled=True,
        issuer=base,
        client_id="open-integriteit",
        client_secret="invented-secret",
        authorization_endpoint=f"{base}/authorize",
        token_endpoint=f"{base}/token",
        jwks_endpoint=f"{base}/jwks",
    )


def to_decide(external_id: str, kind: str) -> Callable[[World], list[Any]]:
    """The world's submitted declaration of this kind by this person (decision_world.py)."""
    from open_integriteit.declarations.models import Declaration

    return lambda w: [
        Declaration.objects.get(organisation=w.org, person__external_id=external_id, kind=kind, state="submitted").pk
    ]


def _mila_is_sanne(w: World) -> None:
    """Mila's account is person 1003: she may not decide on her own declaration."""
    from open_integriteit.people.models import Person

    Person.objects.filter(organisation=w.org, external_id="1003").update(user=w.people["mila"])


DECISION = {"decision": "approve", "reason": "Invented reason"}
# The decision pages: dave decides for Youssef (1004, below his unit) and for Sanne (1003,
# mila, who never decides on her own); nobody with an account
# for Emma (1005); the register clerk and the coordinator see all of their organisation's
# but decide only where they are the decider; the declarant never on their own.
DECLARATIONS_SEEN = frozenset({"alice", "rita"})

DECLARANTS = frozenset({"mila", "dave", "otto"})  # in the register with an account
SEES_MILAS = frozenset({"mila", "dave", "rita", "alice"})
SIDE_JOB_POST = {
    "body": "Invented body",
    "role": "Invented role",
    "hours_per_month": "4",
    "paid": "no",
    "relation_to_work": "None",
    "starts_on": "2024-01-01",
}


def declaration(state: str) -> Callable[[World], list[Any]]:
    return lambda w: [w.declarations[state].pk]


TODAY = "2025-03-01"
# The public registers of the URL contract (declarations/publication.py).
PUBLIC_REGISTERS = (
    "nevenfuncties-bestuurders",
    "nevenfuncties-functies",
    "financiele-belangen-bestuurders",
    "geschenken-bestuurders",
)


# --- Update rounds (ADR 0023) ---
ROUNDS_READERS = frozenset({"alice", "rita"})  # the coordinator reads, the register clerk manages


def _start_round(w: World) -> None:
    from django.utils import timezone

    from open_integriteit.declarations import rounds

    today = timezone.localdate()
    rounds.round_start(
        organisation_id=w.org.pk,
        by=w.people["rita"],
        kind="officials",
        asks=["side_job", "financial_interest"],
        opens_on=today,
        due_on=today + dt.timedelta(days=42),
    )


def _round(w: World) -> list[Any]:
    from open_integriteit.declarations.models import UpdateRound

    return [UpdateRound.objects.filter(organisation=w.org).latest("pk").pk]


def _round_start_data(w: World) -> dict[str, Any]:
    from django.utils import timezone

    today = timezone.localdate()
    return {
        "kind": "everyone",
        "asks": ["side_job"],
        "opens_on": today.isoformat(),
        "due_on": (today + dt.timedelta(days=30)).isoformat(),
    }


ROUND_DEFAULTS_DATA = {
    "officials_months": ["3", "9"],
    "gifts_months": ["1", "4", "7", "10"],
    "everyone_months": ["2"],
    "answer_days": "30",
    "reminder_days_before": "5",
}

# --- onboarding ---
ONBOARDING = frozenset({"alice", "rita"})  # the coordinator and the register clerk of the organisation
ONBOARDING_PAGES = ONBOARDING | {"grace"}  # pages without an object: grace sees her own organisation's
CEREMONY_POST = {
    "held_on": "2025-09-01",
    "place": "Statenzaal",
    "form": "physical",
    "administered_by": "Invented Secretary",
    "group": "employee",
}


def _the_ceremony(w: World) -> list[Any]:
    return [w.ceremony.pk]


# --- trainings ---
TRAINING_RECORDERS = frozenset({"alice", "rita", "grace"})
OUR_RECORDERS = frozenset({"alice", "rita"})
TRAINING_READERS = TRAINING_RECORDERS | {"dave", "otto"}


def _training_session_post(w: World) -> dict[str, Any]:
    return {
        "kind": str(w.training_session.kind_id),
        "date": "2025-05-06",
        "title": "Invented",
        "counted_as": "head_count",
        "head_count": "40",
        "action": "save",
    }


def _requirement_post(w: World) -> dict[str, Any]:
    return {
        "kind": str(w.requirement.kind_id),
        "scope": "unit",
        "unit": a_unit("FIN")(w),
        "period_months": "12",
        "applies_from": "2025-01-01",
    }


# --- procurement, complaints (issue 9) ---
PROCUREMENT = frozenset({"alice", "grace", "rita"})  # coordinators and the register clerk, each their own
OUR_PROCUREMENT = frozenset({"alice", "rita"})


def _reason(w: World) -> int:
    from open_integriteit.lists.selectors import entries
    from open_integriteit.procurement.reasons import REASONS

    return entries(organisation=w.org, kind=REASONS.code).first().pk  # type: ignore[union-attr]


def _deviation_data(w: World) -> dict[str, Any]:
    return {
        "date": TODAY,
        "subject": "Invented purchase",
        "amount": "12500.00",
        "procedure": "multiple_private",
        "reason": _reason(w),
        "decided_by": "Invented head of department",
    }


def _deviation(w: World) -> None:
    from decimal import Decimal

    from open_integriteit.lists.models import ListEntry
    from open_integriteit.procurement import services

    data = {**_deviation_data(w), "date": dt.date(2025, 2, 3), "amount": Decimal("9000")}
    data["reason"] = ListEntry.objects.get(pk=data["reason"])
    services.deviation_record(organisation=w.org, by=w.people["rita"], **data)


def _deviation_pk(w: World) -> list[Any]:
    from open_integriteit.procurement.models import Deviation

    return [Deviation.objects.get(organisation=w.org).pk]


def _bibob_check(w: World) -> None:
    from open_integriteit.procurement import services

    services.bibob_record(
        organisation=w.org,
        by=w.people["rita"],
        date=dt.date(2025, 2, 3),
        kind="risk_analysis",
        field="permits",
        outcome="no_risk",
    )


def _bibob_pk(w: World) -> list[Any]:
    from open_integriteit.procurement.models import BibobCheck

    return [BibobCheck.objects.get(organisation=w.org).pk]


def _complaint_data(w: World) -> dict[str, Any]:
    return {"received_on": TODAY, "kind": "bullying", "outcome": "pending", "case": w.case.pk}


def _complaint(w: World) -> None:
    from open_integriteit.complaints import services

    services.complaint_record(
        organisation=w.org, by=w.people["alice"], received_on=dt.date(2025, 2, 3), kind="aggression"
    )


def _complaint_pk(w: World) -> list[Any]:
    from open_integriteit.complaints.models import Complaint

    return [Complaint.objects.get(organisation=w.org).pk]


def _incident_data(w: World) -> dict[str, Any]:
    return {"date": TODAY, "kind": "loss_or_theft", "description": "An invented laptop", "action": "process"}


def _incident(w: World) -> None:
    from open_integriteit.complaints import services

    services.incident_record(
        organisation=w.org,
        by=w.people["alice"],
        date=dt.date(2025, 2, 3),
        kind="misuse",
        description="Invented misuse",
        action="conversation",
    )


def _incident_pk(w: World) -> list[Any]:
    from open_integriteit.complaints.models import Incident

    return [Incident.objects.get(organisation=w.org).pk]


EXPECTATIONS: dict[str, tuple[Visit, ...]] = {
    # --- Public: anyone, with or without an account ----------------------------------------
    "home": (get(EVERYONE),),
    "set_language": (post(EVERYONE, lambda w: {"language": "en", "next": "/"}, writes=False),),
    "organisations:logo": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "reports:public_start": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "reports:public_form": (
        get(EVERYONE, args=lambda w: [w.org.slug]),
        post(EVERYONE, lambda w: REPORT_DATA, args=lambda w: [w.org.slug]),  # on to the receipt page
    ),
    # The receipt code once, right after the post; anyone else gets the page that says it was shown.
    "reports:public_receipt": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "reports:mailbox_login": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "reports:mailbox_logout": (post(EVERYONE, lambda w: {}, args=lambda w: [w.org.slug], writes=False),),
    # The reporter's own mailbox; the other reporter's session opens their own report, not this one.
    "reports:mailbox": (
        get(
            {"reporter", "other_reporter"},
            args=lambda w: [w.org.slug],
            shows=lambda w: w.report.reference,
            sees=frozenset({"reporter"}),
        ),
        post(
            {"reporter", "other_reporter"},
            lambda w: {"action": "reply", "body": "Invented"},
            args=lambda w: [w.org.slug],
        ),
    ),
    "reports:mailbox_attachment": (get({"reporter"}, args=lambda w: [w.org.slug, w.attachment.pk]),),
    # --- Accounts ----------------------------------------------------------------------------
    "accounts:login": (
        get(EVERYONE),
        post(EVERYONE, lambda w: {"username": "alice", "password": PASSWORD}),
    ),
    "accounts:verify": (get(STAFF),),
    # Log-in with the organisation's account (ADR 0019): on to its provider, back, or refused.
    "accounts:oidc_start": (get(EVERYONE, args=lambda w: [w.org.slug], status=302, prepare=_oidc_configured),),
    "accounts:oidc_callback": (get(EVERYONE, status=302),),  # without a code: on to the refusal page
    "accounts:oidc_refused": (get(EVERYONE, status=403),),
    "accounts:oidc_configuration": (
        get({"erin"}),
        post(
            {"erin"},
            lambda w: {
                "issuer": "https://login.example.invalid",
                "client_id": "open-integriteit",
                "client_secret": "invented-secret",
                "scopes": "openid email profile",
                "claim": "employee_number",
                "link_field": "external_id",
            },
        ),
    ),
    # Adding an authenticator app asks for the password again first (re-authentication).
    "accounts:setup_two_factor": (get(STAFF, status=302),),
    "accounts:logout": (post(EVERYONE, lambda w: {}, writes=False),),
    "accounts:home": (get(STAFF, status=302),),  # the logo: on to the first page they may open
    "accounts:profile": (get(STAFF),),
    "accounts:user_list": (get({"erin"}),),
    "accounts:user_create": (
        get({"erin"}),
        post(
            {"erin"},
            lambda w: {"username": "newcomer", "password": "a-long-invented-password-42", "roles": ["employee"]},
        ),
    ),
    "accounts:user_roles": (
        get({"erin"}, args=lambda w: [w.people["mila"].pk]),
        post({"erin"}, lambda w: {"roles": ["employee", "manager"]}, args=lambda w: [w.people["mila"].pk]),
    ),
    "organisations:branding": (
        get({"erin"}),
        post({"erin"}, lambda w: {"name": "Provincie Testland", "kind": "province", "primary_colour": "#154273"}),
    ),
    # The shared services serving the organisation: its administrator records them.
    "organisations:shared_services": (
        get({"erin"}),
        post({"erin"}, lambda w: {"shared_service": _shared_service(w).pk, "since": "", "until": ""}),
    ),
    "organisations:shared_service_remove": (post({"erin"}, lambda w: {}, args=lambda w: [_served_by(w).pk]),),
    "audit:event_list": (get({"frank"}),),
    "accounts:password_change": (get(STAFF),),
    "accounts:reauthenticate": (get(STAFF),),
    # New backup codes only after the password was entered again: the page asks for it.
    "accounts:backup_codes": (get(STAFF, status=302),),
    "accounts:user_unlock": (post({"erin"}, lambda w: {}, args=lambda w: [w.people["mila"].pk]),),
    "accounts:user_deactivate": (post({"erin"}, lambda w: {}, args=lambda w: [w.people["mila"].pk]),),
    "accounts:user_reactivate": (post({"erin"}, lambda w: {}, args=lambda w: [_leaver_pk()], prepare=_leaver),),
    "accounts:user_two_factor_reset": (post({"erin"}, lambda w: {}, args=lambda w: [w.people["bob"].pk]),),
    "accounts:user_password_reset": (post({"erin"}, lambda w: {}, args=lambda w: [w.people["mila"].pk]),),
    # Four eyes: a content role erin gave waits for a coordinator of the organisation (or
    # another administrator); erin sees it but may not approve her own grant.
    "accounts:role_approvals": (get(COORDINATORS | {"erin"}, prepare=_propose_role),),
    "accounts:role_decide": (
        post(
            {"alice"},
            lambda w: {"decision": "approve"},
            args=lambda w: [_pending_pk(w)],
            prepare=_propose_role,
            declined=frozenset({"erin"}),
        ),
    ),
    # Forgot password: the same answer for everyone, an account or not.
    "accounts:password_reset": (
        get(EVERYONE),
        post(EVERYONE, lambda w: {"identifier": "mila"}),
    ),
    "accounts:password_reset_sent": (get(EVERYONE, writes=False),),
    # A link that does not work (any more) is a 404 page for everyone.
    "accounts:password_reset_confirm": (get(EVERYONE, args=lambda w: ["MQ", "invalid-token"], status=404),),
    # --- Operations: the same bare answer for everyone (details and metrics need a token) --
    "operations:live": (get(EVERYONE, writes=False),),
    "operations:ready": (get(EVERYONE, writes=False),),
    "operations:metrics": (get(frozenset(), writes=False),),
    # --- Retention: the reporting point of the organisation ------------------------------
    "retention:overview": (get(COORDINATORS),),
    "retention:periods": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: _retention_periods(w)),
    ),
    # --- Reporting point ---------------------------------------------------------------------
    "reports:staff_dashboard": (get(CONTENT_STAFF, shows=lambda w: w.report.reference, sees=REPORT_TEAM),),
    "reports:staff_list": (get(CONTENT_STAFF, shows=lambda w: w.report.reference, sees=REPORT_TEAM),),
    "reports:staff_list_csv": (get(CONTENT_STAFF, writes=True, shows=lambda w: w.report.reference, sees=REPORT_TEAM),),
    "reports:deadlines": (get(CONTENT_STAFF, shows=lambda w: w.report.reference, sees=REPORT_TEAM),),
    "reports:deadlines_csv": (get(CONTENT_STAFF, writes=True, shows=lambda w: w.report.reference, sees=REPORT_TEAM),),
    "reports:staff_register": (
        get({"alice", "grace", "carol", "vera", "dave"}),
        post(
            {"alice", "grace", "carol", "vera", "dave"},
            lambda w: {**REPORT_DATA, "channel": "letter", "received_at": "2025-03-01T10:00"},
        ),  # on to the registered page, which shows the receipt code once
    ),
    # After registering: the reference, and the receipt code once; only for who registered it.
    "reports:staff_registered": (get({"alice"}, args=lambda w: [w.report.reference]),),
    "reports:typology": (
        get({"alice", "grace", "erin"}),
        post({"alice", "grace", "erin"}, lambda w: {"action": "add", "name_nl": "Invented", "name_en": ""}),
    ),
    "reports:staff_report": (
        get(REPORT_TEAM, args=lambda w: [w.report.reference]),
        get(CASE_TEAM, args=lambda w: [w.case_report.reference]),  # a report in a case follows the case
    ),
    "reports:staff_attachment": (
        get(REPORT_TEAM, args=lambda w: [w.attachment.pk]),
        get(CASE_TEAM, args=lambda w: [w.case_attachment.pk]),
    ),
    "reports:staff_action:acknowledge": (
        on_report(REPORT_TEAM, lambda w: {"ack-body": "Invented acknowledgement"}),
        post(CASE_TEAM, lambda w: {"ack-body": "Invented"}, args=lambda w: [w.case_report.reference]),
    ),
    "reports:staff_action:message": (
        on_report(REPORT_TEAM, lambda w: {"msg-kind": "question", "msg-body": "Invented"}),
    ),
    "reports:staff_action:classify": (on_report({"alice"}, lambda w: {"cls-ground": "misstand"}),),
    "reports:staff_action:assign": (on_report({"alice"}, lambda w: {"assign-user": pk("carol")(w)}),),
    "reports:staff_action:unassign": (on_report({"alice"}, lambda w: {"unassign-user": pk("bob")(w)}),),
    "reports:staff_action:implicate": (on_report({"alice"}, lambda w: {"implicate-user": pk("mila")(w)}),),
    "reports:staff_action:withdraw_implication": (
        on_report({"alice"}, lambda w: {"withdraw-user": pk("dave")(w), "withdraw-reason": "Invented mistake"}),
    ),
    "reports:staff_action:disclose": (
        # Only the reporting point sees the identity, and whoever it granted it to (item 8).
        # On to the report page, which shows the identity once.
        on_report({"alice"}, lambda w: {"disclose-reason": "Invented"}),
        on_report(REPORT_TEAM, lambda w: {"disclose-reason": "Invented"}, prepare=_grant_identity_to_bob),
    ),
    "reports:staff_action:grant_identity": (
        on_report({"alice"}, lambda w: {"grant-user": pk("bob")(w), "grant-reason": "Invented"}),
    ),
    "reports:staff_action:revoke_identity": (
        on_report(
            {"alice"},
            lambda w: {"grant_id": str(w.report.identity_grants.get().pk)},
            prepare=_grant_identity_to_bob,
        ),
    ),
    "reports:staff_action:close": (
        on_report({"alice"}, lambda w: {"close-reason": "withdrawn", "close-explanation": "Invented explanation"}),
    ),
    "reports:staff_action:minutes_revise": (on_report(REPORT_TEAM, lambda w: {"minutes-text": "Invented minutes"}),),
    "reports:staff_action:minutes_approval": (on_report(REPORT_TEAM, lambda w: {"approval-via": "signed"}),),
    # --- Confidential advisers ---------------------------------------------------------------
    "consultations:contact_list": (
        get({"vera"}),
        post({"vera"}, lambda w: {"date": "2025-01-02", "topic": w.topic.pk, "conversations": 1, "referral": "none"}),
    ),
    "consultations:contact_edit": (
        get({"vera"}, args=lambda w: [w.contact.pk]),
        post(
            {"vera"},
            lambda w: {"date": "2025-03-18", "topic": w.topic.pk, "conversations": 2, "referral": "none"},
            args=lambda w: [w.contact.pk],
        ),
    ),
    "consultations:contact_delete": (
        get({"vera"}, args=lambda w: [w.contact.pk]),
        post({"vera"}, lambda w: {}, args=lambda w: [w.contact.pk]),
    ),
    "consultations:year_totals": (
        get({"vera"}),
        post({"vera"}, lambda w: {"year": "2024", f"contacts_{w.topic.pk}": "4", f"conversations_{w.topic.pk}": "5"}),
    ),
    "consultations:overview": (get(COORDINATORS),),
    "consultations:topics": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"action": "add", "name_nl": "Invented topic", "name_en": ""}),
    ),
    "consultations:advisers": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"kind": "internal", "display_name": "Invented adviser"}),
    ),
    "consultations:adviser_edit": (
        get(OUR_COORDINATORS, args=lambda w: [w.adviser.pk]),
        post(OUR_COORDINATORS, lambda w: {"display_name": "Renamed", "active": "on"}, args=lambda w: [w.adviser.pk]),
    ),
    # --- Advice ------------------------------------------------------------------------------
    "advice:topics": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"action": "add", "name_nl": "Invented topic", "name_en": ""}),
    ),
    "advice:list": (get(COORDINATORS),),
    "advice:register": (
        get(COORDINATORS),
        # Grace's form does not offer our topics: she gets it back, nothing is registered.
        post(
            OUR_COORDINATORS,
            lambda w: {
                "date": "2025-04-09",
                "received_via": "hr",
                "topic": str(w.advice.topic_id),
                "question": "Invented",
                "advice": "Invented",
                "anonymised_summary": "Invented summary.",
            },
            declined=frozenset({"grace"}),
        ),
    ),
    "advice:detail": (get(OUR_COORDINATORS, args=lambda w: [w.advice.pk]),),
    "advice:edit": (
        get(OUR_COORDINATORS, args=lambda w: [w.advice.pk]),
        post(
            OUR_COORDINATORS,
            lambda w: {
                "date": "2025-04-08",
                "received_via": "hr",
                "topic": str(w.advice.topic_id),
                "question": "Invented, changed",
                "advice": "Invented",
                "anonymised_summary": "Invented summary.",
            },
            args=lambda w: [w.advice.pk],
        ),
    ),
    # --- People register ---------------------------------------------------------------------
    "people:list": (get(REGISTER, shows=lambda w: "1003", sees=frozenset({"alice", "rita", "dave"})),),
    "people:units": (get(REGISTER, shows=lambda w: "Vergunningen", sees=frozenset({"alice", "rita", "dave"})),),
    "people:posts": (get(REGISTER, shows=lambda w: "Vergunningverlener", sees=frozenset({"alice", "rita", "dave"})),),
    "people:person": (
        get({"alice", "rita", "dave"}, args=person("1003"), writes=True),  # in dave's unit, below OMG
        get({"alice", "rita", "otto"}, args=person("1005"), writes=True),  # elsewhere: not dave's, otto's
    ),
    "people:import": (get({"rita"}), post({"rita"}, _hr_upload)),
    "people:template": (get({"rita"}, args=lambda w: ["csv"]), get({"rita"}, args=lambda w: ["xlsx"])),
    # What the register clerk keeps by hand: the coordinator and managers only read the post.
    "people:post": (
        get({"alice", "rita", "dave"}, args=a_post("VTH", "Vergunningverlener")),
        get({"alice", "rita", "otto"}, args=a_post("FIN", "Controller")),
        post({"rita"}, lambda w: {"designated": "on"}, args=a_post("VTH", "Vergunningverlener")),
    ),
    "people:official": (
        post(
            {"rita"},
            lambda w: {"office": "executive", "term_start": "2023-04-01", "term_end": "2027-03-31", "party": "B"},
            args=person("9001"),
        ),
    ),
    "people:manager_add": (post({"rita"}, lambda w: {"unit": a_unit("FIN")(w)}, args=person("1003")),),
    "people:manager_remove": (post({"rita"}, lambda w: {}, args=lambda w: [*person("1002")(w), a_unit("OMG")(w)]),),
    # --- Declarations: decisions, gifts, register settings -------------------------------------
    "declarations:queue": (
        get(REGISTER, shows=lambda w: "Emma Jansen", sees=DECLARATIONS_SEEN),
        get(REGISTER, shows=lambda w: "Youssef Bakker", sees=DECLARATIONS_SEEN | {"dave"}),
    ),
    "declarations:decide": (
        get(DECLARATIONS_SEEN | {"dave"}, args=to_decide("1004", "side_job")),
        get(DECLARATIONS_SEEN, args=to_decide("1005", "financial_interest"), writes=True),  # an audited read
        post({"dave"}, lambda w: DECISION, args=to_decide("1004", "side_job"), declined=DECLARATIONS_SEEN),
        post(set(), lambda w: DECISION, args=to_decide("1005", "financial_interest"), declined=DECLARATIONS_SEEN),
        post(
            {"dave"},
            lambda w: DECISION,
            args=to_decide("1003", "side_job"),
            prepare=_mila_is_sanne,
            declined=DECLARATIONS_SEEN,
        ),
    ),
    "declarations:gifts": (get({"rita"}, shows=lambda w: "Youssef Bakker", sees=frozenset({"rita"})),),
    "declarations:gift_destination": (
        get({"rita"}, args=to_decide("1004", "gift")),
        post(
            {"rita"},
            lambda w: {"handed_in_on": "2025-02-03", "destination": "charity", "note": "Invented food bank"},
            args=to_decide("1004", "gift"),
        ),
    ),
    "declarations:settings": (
        get(COORDINATORS | {"rita"}),
        post(
            COORDINATORS | {"rita"},
            lambda w: {
                "gift_threshold": "75",
                "decision_reminder_days": "10",
                "decision_escalation_days": "20",
                "publication_history_months": "12",
            },
        ),
    ),
    # --- Update rounds: the register clerk manages, the coordinator reads -------------------
    "declarations:rounds": (
        get(
            ROUNDS_READERS | {"grace"},
            prepare=_start_round,
            shows=lambda w: "/medewerkers/opgaverondes/" + str(_round(w)[0]) + "/",
            sees=ROUNDS_READERS,
        ),
    ),
    "declarations:round_start": (get({"rita"}), post({"rita"}, _round_start_data)),
    "declarations:round_defaults": (get({"rita"}), post({"rita"}, lambda w: ROUND_DEFAULTS_DATA)),
    "declarations:round_detail": (
        get(ROUNDS_READERS, prepare=_start_round, args=_round, shows=lambda w: "Zwart", sees=ROUNDS_READERS),
    ),
    "declarations:round_last_reminder": (post({"rita"}, lambda w: {}, prepare=_start_round, args=_round),),
    "declarations:round_close": (post({"rita"}, lambda w: {}, prepare=_start_round, args=_round),),
    # --- Cases -------------------------------------------------------------------------------
    "cases:list": (get(CONTENT_STAFF, shows=lambda w: w.case.reference, sees=CASE_TEAM),),
    "cases:list_csv": (get(CONTENT_STAFF, writes=True, shows=lambda w: w.case.reference, sees=CASE_TEAM),),
    "cases:create": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"title": "Invented", "ground": "misstand", "signal": "Invented signal"}),
    ),
    "cases:hand_over": (
        get(COORDINATORS),
        # Grace's form does not know our people: she gets it back, nothing moves.
        post(
            OUR_COORDINATORS,
            lambda w: {"from_user": pk("bob")(w), "to_user": pk("carol")(w)},
            declined=frozenset({"grace"}),
        ),
    ),
    "cases:document": (get(CASE_TEAM, args=lambda w: [w.document.pk]),),
    "cases:detail": (get(CASE_TEAM, args=lambda w: [w.case.reference]),),
    # The case file as PDF: whoever sees the case, each download audited.
    "cases:pdf": (get(CASE_TEAM, args=lambda w: [w.case.reference], writes=True),),
    "cases:action:transition": (
        on_case(
            {"bob"},
            lambda w: {"transition": "start_hearing", "start_hearing-transition": "start_hearing"},
            state=State.INVESTIGATION,
        ),
    ),
    "cases:action:assign": (on_case({"alice"}, lambda w: {"assign-user": pk("carol")(w)}),),
    "cases:action:unassign": (on_case({"alice"}, lambda w: {"unassign-user": pk("bob")(w)}),),
    # An investigator cannot implicate anyone, a coordinator least of all (item 7).
    "cases:action:implicate": (on_case({"alice"}, lambda w: {"implicate-user": pk("mila")(w)}),),
    "cases:action:withdraw_implication": (
        on_case({"alice"}, lambda w: {"withdraw-user": pk("dave")(w), "withdraw-reason": "Invented mistake"}),
    ),
    "cases:action:add_report": (on_case({"alice"}, lambda w: {"report-report": str(w.spare_report.pk)}),),
    "cases:action:party": (on_case({"alice", "bob"}, lambda w: {"party-role": "witness", "party-name": "Invented"}),),
    "cases:action:risk": (on_case({"alice", "bob"}, lambda w: {"risk-level": "high"}),),
    "cases:action:assessment": (
        on_case(
            {"alice", "bob"},
            lambda w: {"assessment-investigable": "yes", "assessment-reasoning": "Invented"},
            state=State.ASSESSMENT,
        ),
    ),
    "cases:action:allegation": (on_case(CASE_TEAM, lambda w: {"allegation-description": "Invented"}),),
    "cases:action:finding": (
        on_case(
            {"alice", "bob"},
            lambda w: {
                "allegation_id": str(w.allegation.pk),
                f"finding-{w.allegation.pk}-allegation": str(w.allegation.pk),
                f"finding-{w.allegation.pk}-outcome": "founded",
            },
            state=State.HEARING,
        ),
    ),
    "cases:action:hearing": (
        on_case(
            {"alice", "bob"},
            lambda w: {
                "hearing-party": str(w.party.pk),
                "hearing-held_on": TODAY,
                "hearing-heard_by": "Invented",
                "hearing-summary": "Invented",
            },
            state=State.INVESTIGATION,
        ),
    ),
    "cases:action:measure": (
        on_case(
            {"alice", "pat"},
            lambda w: {"measure-kind": "coaching", "measure-decided_on": TODAY},
            state=State.FINDINGS,
        ),
    ),
    "cases:action:protection": (
        on_case({"alice", "pat"}, lambda w: {"protection-description": "Invented", "protection-started_on": TODAY}),
    ),
    "cases:action:protection_update": (
        on_case(
            {"alice", "pat"},
            lambda w: {
                "measure_id": str(w.protection.pk),
                f"protection-{w.protection.pk}-measure": str(w.protection.pk),
                f"protection-{w.protection.pk}-ended_on": TODAY,
            },
        ),
    ),
    "cases:action:external": (on_case({"alice", "pat"}, lambda w: {"external-investigated_by": "external"}),),
    "cases:action:document": (
        on_case(
            CASE_TEAM,
            lambda w: {
                "document-title": "Invented",
                "document-file": SimpleUploadedFile("memo.txt", b"invented", content_type="text/plain"),
            },
        ),
    ),
    "cases:action:note": (on_case(CASE_TEAM, lambda w: {"note-text": "Invented note"}),),
    "cases:action:lessons": (on_case({"alice", "pat"}, lambda w: {"lessons-lessons_learned": "Invented"}),),
    "cases:action:summary": (
        on_case(
            {"alice", "pat"}, lambda w: {"summary-summary_year": "2025", "summary-summary_description": "Invented"}
        ),
    ),
    "cases:action:summary_final": (on_case({"alice", "pat"}, lambda w: {}, prepare=_clean_summary),),
    "cases:action:retaliation": (
        on_case({"alice"}, lambda w: {"retaliation-title": "Invented", "retaliation-description": "Invented"}),
    ),
    # --- Search: content staff; it finds only what each of them may open -------------------
    "search:results": (
        get(CONTENT_STAFF, data=lambda w: {"q": "supplier"}, shows=lambda w: w.report.reference, sees=REPORT_TEAM),
        get(CONTENT_STAFF, data=lambda w: {"q": "supplier"}, shows=lambda w: w.case_report.reference, sees=CASE_TEAM),
        get(CONTENT_STAFF, data=lambda w: {"q": "invented case"}, shows=lambda w: w.case.reference, sees=CASE_TEAM),
    ),
    # --- Declarations: the declarant's pages ("Mijn opgaven") --------------------------------
    # Everyone in the register with an account declares (mila, dave, otto); mila's declarations
    # are seen by her, by dave (her manager), rita (register clerk) and alice (coordinator);
    # otto (another unit), the administrator and grace get 404; a draft is mila's only.
    "declarations:my_overview": (get(DECLARANTS, shows=lambda w: "Invented submitted body", sees=frozenset({"mila"})),),
    "declarations:my_new": (
        get(DECLARANTS, args=lambda w: ["side_job"]),
        get(DECLARANTS, args=lambda w: ["gift"]),
        post(DECLARANTS, lambda w: {**SIDE_JOB_POST, "draft": "1"}, args=lambda w: ["side_job"]),
        post(DECLARANTS, lambda w: {**SIDE_JOB_POST, "submit": "1"}, args=lambda w: ["side_job"]),
    ),
    "declarations:my_nil_return": (
        post(DECLARANTS, lambda w: {"answer": "nothing_to_declare"}, args=lambda w: ["gift"]),
    ),
    "declarations:detail": (
        get(SEES_MILAS, args=declaration("submitted"), shows=lambda w: "Invented submitted body", sees=SEES_MILAS),
        get(SEES_MILAS, args=declaration("approved"), shows=lambda w: "Invented reason", sees=SEES_MILAS),
        get({"mila"}, args=declaration("draft")),
    ),
    "declarations:my_edit": (
        get({"mila"}, args=declaration("draft")),
        post({"mila"}, lambda w: {**SIDE_JOB_POST, "draft": "1"}, args=declaration("draft")),
    ),
    "declarations:my_discard": (post({"mila"}, lambda w: {}, args=declaration("draft")),),
    "declarations:withdraw": (
        post({"mila"}, lambda w: {}, args=declaration("submitted"), declined=SEES_MILAS - {"mila"}),
    ),
    # The register clerk may end an approved declaration too (declarations/workflow.py).
    "declarations:end": (
        post(
            {"mila", "rita"},
            lambda w: {"ends_on": TODAY},
            args=declaration("approved"),
            declined=frozenset({"dave", "alice"}),
        ),
    ),
    # --- The public registers of the declarations: anyone, like the reporting point (ADR 0022) ---
    "declarations:public_index": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "declarations:public_register": tuple(
        get(EVERYONE, args=lambda w, register=register: [w.org.slug, register]) for register in PUBLIC_REGISTERS
    ),
    "declarations:public_register_data": tuple(
        get(EVERYONE, args=lambda w, register=register, fmt=fmt: [w.org.slug, register, fmt])
        for register in PUBLIC_REGISTERS
        for fmt in ("csv", "json")
    ),
    "declarations:public_history": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    # What the public registers show about me: everyone in the register with an account (dave).
    "declarations:my_published": (get(DECLARANTS),),
    # --- onboarding ---
    # The register clerk and the coordinator record and see everything; managers read the
    # overdue list of their units (Bram, 1002, started in 2021 without an oath, is in dave's
    # OMG; otto's FIN has nobody overdue); nobody else, not another organisation.
    "onboarding:overdue": (
        get(ONBOARDING_PAGES | {"dave", "otto"}, shows=lambda w: "Aksoy", sees=ONBOARDING | {"dave"}),
    ),
    "onboarding:ceremonies": (get(ONBOARDING_PAGES, shows=lambda w: "Statenzaal", sees=ONBOARDING),),
    "onboarding:ceremony_create": (get(ONBOARDING_PAGES), post(ONBOARDING_PAGES, lambda w: CEREMONY_POST)),
    "onboarding:ceremony": (get(ONBOARDING, args=_the_ceremony, shows=lambda w: "Jansen", sees=ONBOARDING),),
    "onboarding:ceremony_edit": (
        get(ONBOARDING, args=_the_ceremony),
        post(ONBOARDING, lambda w: {**CEREMONY_POST, "place": "Raadzaal"}, args=_the_ceremony),
    ),
    "onboarding:participants_add": (
        post(ONBOARDING, lambda w: {"people": [person("1004")(w)[0]]}, args=_the_ceremony),
    ),
    "onboarding:pledges": (
        post(ONBOARDING, lambda w: {f"pledge_{w.participant.pk}": "affirmation"}, args=_the_ceremony),
    ),
    "onboarding:participant_remove": (
        post(ONBOARDING, lambda w: {}, args=lambda w: [w.ceremony.pk, w.participant.pk]),
    ),
    "onboarding:records": (
        get(ONBOARDING_PAGES),
        get(
            ONBOARDING_PAGES,
            data=lambda w: {"show": "certificates", "q": "jansen"},
            shows=lambda w: "Jansen",
            sees=ONBOARDING,
        ),
    ),
    "onboarding:person": (
        get(ONBOARDING, args=person("1005"), writes=True, shows=lambda w: "Jansen", sees=ONBOARDING),
    ),
    "onboarding:statement_add": (
        post(
            ONBOARDING, lambda w: {"kind": "hired", "signed_on": "2025-03-01", "version": "2024-1"}, args=person("1003")
        ),
    ),
    "onboarding:certificate_add": (
        post(
            ONBOARDING,
            lambda w: {"received": "on", "received_on": "2025-03-01", "screening_profile": "45"},
            args=person("1003"),
        ),
    ),
    "onboarding:settings": (
        get(ONBOARDING_PAGES),
        post(ONBOARDING_PAGES, lambda w: {"due_months": "3", "kinds_due": ["employee", "trainee", "hired"]}),
    ),
    # --- trainings ---
    # The coordinators and our register clerk record sessions and mandatory trainings (grace in
    # her own organisation: our kinds are not offered to her, she gets the form back); dave and
    # otto read who in their own units is behind; everyone else 404.
    "trainings:compliance": (
        get(TRAINING_READERS, shows=lambda w: "Youssef Bakker", sees=frozenset({"alice", "rita", "dave"})),
    ),
    "trainings:sessions": (get(TRAINING_RECORDERS, shows=lambda w: "Invented session", sees=OUR_RECORDERS),),
    "trainings:session_new": (
        get(TRAINING_RECORDERS),
        post(OUR_RECORDERS, _training_session_post, declined=frozenset({"grace"})),
    ),
    "trainings:session_edit": (
        get(OUR_RECORDERS, args=lambda w: [w.training_session.pk]),
        post(OUR_RECORDERS, _training_session_post, args=lambda w: [w.training_session.pk]),
    ),
    "trainings:session_delete": (post(OUR_RECORDERS, lambda w: {}, args=lambda w: [w.training_session.pk]),),
    "trainings:requirement_new": (
        get(TRAINING_RECORDERS),
        post(OUR_RECORDERS, _requirement_post, declined=frozenset({"grace"})),
    ),
    "trainings:requirement_edit": (
        get(OUR_RECORDERS, args=lambda w: [w.requirement.pk]),
        post(OUR_RECORDERS, _requirement_post, args=lambda w: [w.requirement.pk]),
    ),
    "trainings:requirement_delete": (post(OUR_RECORDERS, lambda w: {}, args=lambda w: [w.requirement.pk]),),
    "trainings:kinds": (
        get(TRAINING_RECORDERS),
        post(TRAINING_RECORDERS, lambda w: {"action": "add", "name_nl": "Invented training", "name_en": ""}),
    ),
    # --- people: vulnerable posts ---
    # The register clerk and the coordinator (grace in her own organisation) assess and adopt;
    # dave and otto read the checklists of the posts in their units; nobody else sees any.
    "people:vulnerable": (
        get(
            VULNERABLE_KEEPERS | {"dave", "otto"},
            shows=lambda w: "Vergunningverlener",
            sees=frozenset({"alice", "rita", "dave"}),
        ),
    ),
    "people:vulnerable_post": (
        get({"alice", "rita", "dave"}, args=a_post("VTH", "Vergunningverlener"), prepare=_vw("assessed")),
        get({"alice", "rita", "otto"}, args=a_post("FIN", "Controller")),
        post({"alice", "rita"}, lambda w: _vw("checklist_data")(), args=a_post("VTH", "Vergunningverlener")),
    ),
    "people:vulnerable_questions": (
        get(VULNERABLE_KEEPERS),
        post(VULNERABLE_KEEPERS, lambda w: {"text": "Does the post sign contracts?", "weight": "2"}),
    ),
    "people:vulnerable_settings": (post(VULNERABLE_KEEPERS, lambda w: _vw("settings_data")()),),
    "people:vulnerable_question_move": (
        post(
            {"alice", "rita"}, lambda w: {"direction": "down"}, prepare=_vw("own_question"), args=_vw("own_question_pk")
        ),
    ),
    "people:vulnerable_question_retire": (
        post({"alice", "rita"}, lambda w: {}, prepare=_vw("own_question"), args=_vw("own_question_pk")),
    ),
    "people:vulnerable_adopt": (
        get(VULNERABLE_KEEPERS),
        post(
            {"alice", "rita"},
            lambda w: {"adopted_on": "2026-01-15", "decision_reference": "B&W 2026/002"},
            prepare=_vw("assessed"),
            declined=frozenset({"grace"}),  # her organisation has no post on the proposed list
        ),
    ),
    "people:vulnerable_lists": (
        get(
            VULNERABLE_KEEPERS,
            prepare=_vw("adopted"),
            shows=lambda w: "B&amp;W 2026/001",
            sees=frozenset({"alice", "rita"}),
        ),
    ),
    "people:vulnerable_list": (get({"alice", "rita"}, prepare=_vw("adopted"), args=_vw("adopted_pk")),),
    # --- procurement, complaints (issue 9) ---
    "procurement:deviations": (get(PROCUREMENT),),
    "procurement:deviation_new": (
        get(PROCUREMENT),
        post(OUR_PROCUREMENT, _deviation_data, declined=frozenset({"grace"})),  # our reason is not hers
    ),
    "procurement:deviation_edit": (
        get(OUR_PROCUREMENT, prepare=_deviation, args=_deviation_pk),
        post(OUR_PROCUREMENT, _deviation_data, prepare=_deviation, args=_deviation_pk),
    ),
    "procurement:reasons": (
        get(PROCUREMENT),
        post(PROCUREMENT, lambda w: {"action": "add", "name_nl": "Invented reason", "name_en": ""}),
    ),
    "procurement:bibob": (
        get(PROCUREMENT),
        post(
            PROCUREMENT,
            lambda w: {
                "action": "record",
                "date": TODAY,
                "kind": "investigation",
                "field": "permits",
                "outcome": "lesser",
            },
        ),
        post(PROCUREMENT, lambda w: {"action": "totals", "totals-year": "2021", "totals-risk_analysis__permits": "4"}),
    ),
    "procurement:bibob_delete": (post(OUR_PROCUREMENT, lambda w: {}, prepare=_bibob_check, args=_bibob_pk),),
    "complaints:overview": (get(COORDINATORS),),
    "complaints:complaint_new": (
        get(COORDINATORS),
        post(OUR_COORDINATORS, _complaint_data, declined=frozenset({"grace"})),  # our case is not hers
    ),
    "complaints:complaint_edit": (
        get(OUR_COORDINATORS, prepare=_complaint, args=_complaint_pk),
        post(OUR_COORDINATORS, _complaint_data, prepare=_complaint, args=_complaint_pk),
    ),
    "complaints:incident_new": (get(COORDINATORS), post(COORDINATORS, _incident_data)),
    "complaints:incident_edit": (
        get(OUR_COORDINATORS, prepare=_incident, args=_incident_pk),
        post(OUR_COORDINATORS, _incident_data, prepare=_incident, args=_incident_pk),
    ),
    # --- regulations and programme ---
    # The register of rules and codes: the coordinators and the register clerk keep their
    # organisation's (grace her own: she never sees ours); the public listing and its PDFs
    # are for anyone. The annual programme is the coordinators' only.
    "regulations:list": (
        get(
            {"alice", "grace", "rita"},
            shows=lambda w: "Invented code of conduct",
            sees=frozenset({"alice", "rita"}),
        ),
    ),
    "regulations:new": (
        get({"alice", "grace", "rita"}),
        post(
            {"alice", "grace", "rita"},
            lambda w: {
                "kind": "policy_plan",
                "title": "Invented plan",
                "adopted_by": "executive",
                "adopted_on": "2024-02-01",
                "document": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            },
        ),
    ),
    "regulations:settings": (
        get({"alice", "grace", "rita"}),
        post({"alice", "grace", "rita"}, lambda w: {"review_years": "3"}),
    ),
    "regulations:detail": (
        get({"alice", "rita"}, args=lambda w: [w.regulation.pk]),
        post(
            {"alice", "rita"},
            lambda w: {"title": "Invented", "adopted_by": "council", "adopted_on": "2022-05-10"},
            args=lambda w: [w.regulation.pk],
        ),
    ),
    "regulations:document": (get({"alice", "rita"}, args=lambda w: [w.regulation.pk]),),
    "regulations:public_list": (
        get(EVERYONE, args=lambda w: [w.org.slug], shows=lambda w: "Invented code of conduct", sees=EVERYONE),
    ),
    "regulations:public_document": (get(EVERYONE, args=lambda w: [w.org.slug, w.regulation.pk]),),
    "programme:current": (get(COORDINATORS),),
    "programme:year": (
        get(COORDINATORS, args=lambda w: [2025], shows=lambda w: "Invented dilemma", sees=OUR_COORDINATORS),
    ),
    "programme:new": (
        get(COORDINATORS, args=lambda w: [2025]),
        post(COORDINATORS, lambda w: {"title": "Invented", "status": "planned"}, args=lambda w: [2025]),
    ),
    "programme:edit": (
        get(OUR_COORDINATORS, args=lambda w: [w.programme_action.pk]),
        post(
            OUR_COORDINATORS,
            lambda w: {"title": "Invented", "status": "done", "outcome": "Invented"},
            args=lambda w: [w.programme_action.pk],
        ),
    ),
    "programme:carry": (post(OUR_COORDINATORS, lambda w: {}, args=lambda w: [w.programme_action.pk]),),
    # --- figures, indicators: the coordinator only (access/figures.py) ---------------------------
    "figures:overview": (get(COORDINATORS, writes=True), get(COORDINATORS, data=lambda w: {"year": "2024"})),
    "figures:entered": (
        get(
            COORDINATORS,
            prepare=figures_world.add_entered_total,
            shows=lambda w: figures_world.SOURCE,
            sees=OUR_COORDINATORS,
        ),
    ),
    "figures:entered_set": (get(COORDINATORS), get(COORDINATORS, data=lambda w: {"figure": ""})),
    "figures:entered_remove": (
        post(
            OUR_COORDINATORS, lambda w: {}, prepare=figures_world.add_entered_total, args=figures_world.entered_total_pk
        ),
    ),
    "indicators:list": (
        get(
            COORDINATORS,
            prepare=figures_world.add_indicator,
            shows=lambda w: figures_world.INDICATOR,
            sees=OUR_COORDINATORS,
        ),
    ),
    "indicators:create": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"name": "Invented", "unit": "percent", "question": ""}),
    ),
    "indicators:detail": (
        get(OUR_COORDINATORS, prepare=figures_world.add_indicator, args=figures_world.indicator_pk),
        post(
            OUR_COORDINATORS,
            lambda w: {"year": "2023", "value": "40", "source": "Invented survey"},
            prepare=figures_world.add_indicator,
            args=figures_world.indicator_pk,
        ),
    ),
    "indicators:edit": (
        get(OUR_COORDINATORS, prepare=figures_world.add_indicator, args=figures_world.indicator_pk),
        post(
            OUR_COORDINATORS,
            lambda w: {"name": "Invented other", "unit": "score", "question": ""},
            prepare=figures_world.add_indicator,
            args=figures_world.indicator_pk,
        ),
    ),
    "indicators:measurement_remove": (
        post(OUR_COORDINATORS, lambda w: {}, prepare=figures_world.add_indicator, args=figures_world.measurement_pk),
    ),
    # --- annual_reports ---
    # The coordinators write their organisation's annual report (grace hers); nobody else opens a draft.
    "annual_reports:list": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"first_year": "2024", "last_year": "2025"}),
    ),
    # The template: the coordinators change their own organisation's (grace hers); a chapter
    # of another organisation's template is not there for her.
    "annual_reports:template": (
        get(COORDINATORS),
        post(COORDINATORS, lambda w: {"title": "Invented own chapter"}),
    ),
    "annual_reports:template_chapter": (
        post(OUR_COORDINATORS, lambda w: {f"chapter-{_chapter(w)}-title": "Invented title"}, args=_chapter_args),
    ),
    "annual_reports:template_chapter_move": (
        post(OUR_COORDINATORS, lambda w: {"direction": "up"}, args=_chapter_args),
    ),
    "annual_reports:template_chapter_remove": (
        post(OUR_COORDINATORS, lambda w: {}, args=lambda w: [_chapter(w, own=True)]),
    ),
    # The overview of a shared service: its coordinators only. Here grace's organisation is
    # made a shared service serving ours; alice (of the served organisation) does not see it.
    "annual_reports:shared_overview": (get({"grace"}, prepare=_served_by, writes=True),),
    "annual_reports:detail": (get(OUR_COORDINATORS, args=_annual_report, writes=True),),
    "annual_reports:preview": (get(OUR_COORDINATORS, args=_annual_report, writes=True),),
    "annual_reports:section": (
        get(OUR_COORDINATORS, args=lambda w: [*_annual_report(w), "introduction"]),
        post(
            OUR_COORDINATORS,
            lambda w: {"title": "Inleiding", "enabled": "on", "narrative": "Invented text."},
            args=lambda w: [*_annual_report(w), "introduction"],
        ),
    ),
    "annual_reports:flag_accept": (
        post(OUR_COORDINATORS, _flag_to_accept, args=lambda w: [_flagged_annual_report(w).pk]),
    ),
    "annual_reports:flag_group_accept": (
        post(
            OUR_COORDINATORS,
            lambda w: {"group": "text:introduction", "reason": "Invented reason."},
            args=lambda w: [_flagged_annual_report(w).pk],
        ),
    ),
    "annual_reports:render_again": (post(OUR_COORDINATORS, lambda w: {}, args=_failed_annual_report),),
    "annual_reports:adopt": (post(OUR_COORDINATORS, lambda w: ADOPTION_DATA, args=_checked_annual_report),),
    "annual_reports:publish": (
        post(OUR_COORDINATORS, lambda w: {}, args=lambda w: _adopted_annual_report(w, files=True)),
    ),
    "annual_reports:correct": (post(OUR_COORDINATORS, lambda w: {}, args=_adopted_annual_report),),
    "annual_reports:download": (
        get(OUR_COORDINATORS, args=lambda w: [*_adopted_annual_report(w, files=True), "pdf"], writes=True),
    ),
    # Published reports are public, like the registers beside them; a draft or an adopted
    # report that is not published is not there for anyone (404).
    "annual_reports:public_list": (get(EVERYONE, args=lambda w: [w.org.slug]),),
    "annual_reports:public_file": (
        get(EVERYONE, args=lambda w: [w.org.slug, *_published_annual_report(w), "html"]),
        get(EVERYONE, args=lambda w: [w.org.slug, *_published_annual_report(w), "docx"]),
        get(frozenset(), args=lambda w: [w.org.slug, *_adopted_annual_report(w, files=True), "pdf"]),
        get(frozenset(), args=lambda w: [w.other_org.slug, *_published_annual_report(w), "html"]),
    ),
}
# The registers page lists the registers, figures and reports a persona may open: it opens
# for exactly those who may open at least one of them (generated from their entries above).
EXPECTATIONS["organisations:registers"] = (
    get(
        frozenset().union(
            *(
                visit.allowed
                for entry in menu.REGISTERS
                for visit in EXPECTATIONS[entry.url_name]
                if visit.method == "get"
            )
        )
    ),
)


# --- The URL conf -------------------------------------------------------------------------


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterable[tuple[str | None, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        else:
            yield (f"{namespace}{entry.name}" if entry.name else None), entry


def endpoints() -> list[str]:
    """Every named URL; a URL with an ``action`` becomes one endpoint per action of its table."""
    found = []
    for name, pattern in _patterns(get_resolver()):
        assert name is not None, f"the URL {pattern.pattern} has no name: name it, and add it to EXPECTATIONS"
        if "action" in pattern.pattern.converters:
            assert name in ACTION_TABLES, f"{name} takes an action: add its actions table to ACTION_TABLES"
            found += [f"{name}:{action}" for action in ACTION_TABLES[name]]
        else:
            found.append(name)
    return sorted(found)


def table_problems(expectations: Mapping[str, Any]) -> list[str]:
    names = endpoints()
    problems = [f"{n} has no entry in EXPECTATIONS: add who may open it" for n in names if n not in expectations]
    problems += [f"{n} is in EXPECTATIONS but not in the URL conf (renamed?)" for n in expectations if n not in names]
    return problems


def test_every_url_and_action_has_an_expectation_and_no_entry_is_stale() -> None:
    assert table_problems(EXPECTATIONS) == []


@pytest.mark.parametrize("missing", ["cases:create", "reports:mailbox_attachment", "cases:action:note"])
def test_a_url_without_an_expectation_is_reported(missing: str) -> None:
    incomplete = {name: visits for name, visits in EXPECTATIONS.items() if name != missing}
    assert table_problems(incomplete) == [f"{missing} has no entry in EXPECTATIONS: add who may open it"]


def test_a_renamed_action_is_reported() -> None:
    renamed = {**EXPECTATIONS, "cases:action:remark": EXPECTATIONS["cases:action:note"]}
    del renamed["cases:action:note"]
    assert set(table_problems(renamed)) == {
        "cases:action:note has no entry in EXPECTATIONS: add who may open it",
        "cases:action:remark is in EXPECTATIONS but not in the URL conf (renamed?)",
    }


# --- Post/redirect/get --------------------------------------------------------------------

# Views made for posts whose successful post needs more than this table can give (a code
# from an authenticator app, a receipt code, a password entered again): where it is tested.
LOGIN_TESTS = "accounts/tests/test_login.py::"
SECURITY_TESTS = "accounts/tests/test_account_security.py::"
POSTS_TESTED_ELSEWHERE: dict[str, str] = {
    "accounts:verify": LOGIN_TESTS + "test_coordinator_must_pass_the_second_factor_before_seeing_anything",
    "accounts:setup_two_factor": LOGIN_TESTS + "test_first_login_without_device_requires_setting_up_two_factor",
    "accounts:backup_codes": SECURITY_TESTS + "test_new_backup_codes_need_the_password_and_are_shown_once",
    "accounts:reauthenticate": (
        SECURITY_TESTS + "test_a_verified_session_needs_the_password_to_link_a_new_authenticator_app"
    ),
    "accounts:password_change": SECURITY_TESTS + "test_every_user_changes_the_password_and_other_sessions_end",
    "reports:mailbox_login": "reports/tests/test_reporter_pages.py::open_mailbox",
    # Which figures may be entered depends on the apps installed: tested with a figure of its own.
    "figures:entered_set": "figures/tests/test_entered_totals.py::test_coordinator_enters_a_total_for_a_year",
    # Reached only through the token of a mailed link, which no persona of this table has.
    "accounts:password_reset_confirm": (
        "accounts/tests/test_user_management.py::test_forgot_password_mails_a_link_that_works_once"
    ),
}


def _takes_posts(pattern: URLPattern) -> bool:
    """Whether a view is made for posts: its source (with its decorators) names them."""
    view = inspect.unwrap(pattern.callback)
    return "POST" in inspect.getsource(view)


def views_taking_posts() -> list[str]:
    """Every named URL whose view takes posts (an action URL: each action of its table)."""
    return [name for name in endpoints() if _takes_posts(_pattern(name))]


def _pattern(endpoint: str) -> URLPattern:
    patterns = dict(_patterns(get_resolver()))
    return patterns.get(endpoint) or patterns[endpoint.rpartition(":")[0]]


def test_every_successful_post_in_the_table_answers_a_redirect() -> None:
    """Post/redirect/get (issue 7): a reload after a post never posts again. The allowed
    persona's post is checked for a redirect above (302 unless the entry says otherwise):
    no entry may say otherwise."""
    other = {
        name: visit.status
        for name, visits in EXPECTATIONS.items()
        for visit in visits
        if visit.method == "post" and visit.status not in (None, 302)
    }
    assert other == {}


def test_every_view_that_takes_posts_has_a_successful_post_in_the_table() -> None:
    """So that the redirect after it is checked: a view made for posts without a post in
    ``EXPECTATIONS`` says where its successful post is tested instead."""
    posted = {name for name, visits in EXPECTATIONS.items() if any(v.method == "post" for v in visits)}
    missing = [name for name in views_taking_posts() if name not in posted and name not in POSTS_TESTED_ELSEWHERE]
    assert missing == []
    stale = [name for name in POSTS_TESTED_ELSEWHERE if name in posted or name not in views_taking_posts()]
    assert stale == []
    src = Path(__file__).resolve().parents[2]
    for where in POSTS_TESTED_ELSEWHERE.values():
        path, _sep, function = where.partition("::")
        assert f"def {function}(" in (src / path).read_text(), f"{where} is not there (renamed?)"


# --- Visiting -----------------------------------------------------------------------------


def _url(endpoint: str, world: World, visit: Visit) -> str:
    name, _sep, action = endpoint.rpartition(":") if endpoint.count(":") == 2 else (endpoint, "", "")
    args = [*visit.args(world), action] if action else visit.args(world)
    return reverse(name, args=args)


def _fingerprint() -> dict[str, Any]:
    """How many rows each of our tables has, and the last audit event: one query."""
    tables = [model._meta.db_table for label in APPS for model in apps.get_app_config(label).get_models()]
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    sequence = f"(SELECT MAX(sequence) FROM {quote(AuditEvent._meta.db_table)})"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}, {sequence}")  # table names come from the models
        row = cursor.fetchone()
    return {**dict(zip(tables, row, strict=False)), "last audit event": row[-1]}


def _without_audit(fingerprint: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fingerprint.items() if not k.startswith("audit_") and k != "last audit event"}


def _is_login_redirect(response: Any, world: World) -> bool:
    path = response.get("Location", "").split("?")[0]
    return response.status_code == 302 and path in (
        reverse("accounts:login"),
        reverse("reports:mailbox_login", args=[world.org.slug]),
    )


def _check(endpoint: str, visit: Visit, world: World, persona: str, url: str) -> None:
    client = world.clients[persona]
    cookies = copy.deepcopy(client.cookies)
    before, last = _fingerprint(), AuditEvent.objects.aggregate(m=Max("sequence"))["m"] or 0
    try:
        response = getattr(client, visit.method)(url, visit.data(world))
    finally:
        client.cookies = cookies  # a log-in or log-out here must not follow the persona to the next visit
    where = f"{endpoint} ({visit.method.upper()} {url}) as {persona}"
    body = response.content.decode(errors="replace") if response.get("Content-Type", "").startswith("text/") else ""
    if persona in visit.allowed:
        expected = visit.status or (200 if visit.method == "get" else 302)
        assert response.status_code == expected, f"{where}: allowed, but answered {response.status_code}"
        assert not _is_login_redirect(response, world) or endpoint in {"accounts:logout", "reports:mailbox_logout"}, (
            f"{where}: allowed, but sent to a log-in page"
        )
        if visit.writes if visit.writes is not None else visit.method == "post":
            events = AuditEvent.objects.filter(sequence__gt=last)
            if persona in STAFF and visit.allowed != EVERYONE:
                events = events.filter(actor_id=world.people[persona].pk)  # on a staff page: their own write
            assert events.exists(), f"{where}: allowed, but nothing was changed (no audit event)"
        if visit.shows is not None:
            marker = visit.shows(world)
            assert (marker in body) == (persona in visit.sees), f"{where}: {marker} shown: {marker in body}"
        return
    if persona in visit.declined:
        assert response.status_code in (200, 302, 400), f"{where}: declined, but answered {response.status_code}"
        assert not _is_login_redirect(response, world), f"{where}: declined, but sent to a log-in page"
        # The page shown again with the form is a read they may make, and is logged as one.
        logged = set(AuditEvent.objects.filter(sequence__gt=last).values_list("action", flat=True))
        assert all(action.endswith(".viewed") for action in logged), f"{where}: declined, but {logged} logged"
        assert _without_audit(_fingerprint()) == _without_audit(before), f"{where}: declined, but something changed"
        return
    if persona in STAFF and not url.startswith("/melden/"):
        assert response.status_code == 404, f"{where}: refused, but answered {response.status_code}"
    else:  # no account, or a reporter's page without a mailbox session of this report
        assert _is_login_redirect(response, world) or response.status_code == 404, (
            f"{where}: refused, but answered {response.status_code} {response.get('Location', '')}"
        )
    assert _fingerprint() == before, f"{where}: refused, but something changed or was logged"


@pytest.mark.parametrize("endpoint", sorted(set(endpoints()) | set(EXPECTATIONS)))
def test_every_persona_gets_exactly_what_the_table_allows(endpoint: str, world: World, db: Any) -> None:
    visits = EXPECTATIONS.get(endpoint)
    if visits is None:
        pytest.fail(f"{endpoint} has no entry in EXPECTATIONS: add who may open it")
    if endpoint not in endpoints():
        pytest.fail(f"{endpoint} is in EXPECTATIONS but not in the URL conf (renamed?)")
    try:
        for visit in visits:
            with transaction.atomic():
                if visit.state is not None:
                    walk_case(world.case, world.people, *(t.name for t in shortest_path(visit.state)))
                if visit.prepare is not None:
                    visit.prepare(world)
                url = _url(endpoint, world, visit)
                for persona in sorted(sorted(EVERYONE), key=lambda p: p in visit.allowed):  # the refused first
                    with transaction.atomic():
                        _check(endpoint, visit, world, persona, url)
                        transaction.set_rollback(True)
                transaction.set_rollback(True)
    finally:
        world.case.refresh_from_db()
