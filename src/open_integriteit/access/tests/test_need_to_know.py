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

from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services as case_services
from open_integriteit.cases import views as case_views
from open_integriteit.cases.workflow import State
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
    "otp_totp",
    "otp_static",
]
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
}


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
