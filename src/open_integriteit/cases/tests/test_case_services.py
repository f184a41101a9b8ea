"""Case services: grouping reports, signals, implicated subjects, hand-over, document
versions, the council summary check, retaliation complaints, protection reminders and the
external-investigation fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.utils import translation

from open_integriteit.access import cases as case_access
from open_integriteit.access import reports as report_access
from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import selectors, services
from open_integriteit.cases.models import (
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseReport,
    Origin,
    Party,
    PartyRole,
    ProtectionReminder,
)
from open_integriteit.cases.tasks import send_protection_reminders
from open_integriteit.cases.workflow import State
from open_integriteit.reports import selectors as report_selectors
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Assignment, Implication
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def _events(action: str, case: Case | None = None) -> list[AuditEvent]:
    qs = AuditEvent.objects.filter(action=action)
    if case is not None:
        qs = qs.filter(object_type="cases.case", object_id=str(case.pk))
    return list(qs.order_by("sequence"))


# --- Creating cases -----------------------------------------------------------------------


def test_two_reports_about_the_same_manager_are_grouped_into_one_case(team, make_case, make_report):
    first, _code = make_report(what_happened="Invented: the manager shouts at the team.")
    second, _code = make_report(what_happened="Invented: the same manager shouts again.")
    case = make_case(reports=[first, second])

    assert case.origin == Origin.REPORT
    assert set(selectors.case_reports(case=case)) == {first, second}
    assert Party.objects.filter(case=case, role=PartyRole.REPORTER).count() == 2
    # The assigned team may handle both reports now.
    for report in (first, second):
        assert report_access.can_view_report(team["bob"], report)

    third, _code = make_report()
    services.case_add_report(case=case, by=team["alice"], report=third)
    assert CaseReport.objects.filter(case=case).count() == 3
    assert report_access.can_view_report(team["bob"], third)
    assert _events("case.report_added", case)

    # A report belongs to at most one case.
    with pytest.raises(ValidationError):
        make_case(reports=[first])
    with pytest.raises(ValidationError):
        services.case_add_report(case=case, by=team["alice"], report=third)


def test_a_report_of_another_organisation_cannot_be_grouped(team, make_case, make_report, other_org):
    foreign, _code = make_report(organisation=other_org)
    with pytest.raises(PermissionDenied):
        make_case(reports=[foreign])
    case = make_case()
    with pytest.raises(PermissionDenied):
        services.case_add_report(case=case, by=team["alice"], report=foreign)
    assert not CaseReport.objects.filter(report=foreign).exists()


def test_a_case_can_start_from_a_signal_without_a_report(org, team):
    case = services.case_create(
        organisation=org, by=team["alice"], title="Invented signal", ground="misstand", signal="Audit found a gap."
    )
    assert case.origin == Origin.SIGNAL
    assert case.state == State.INTAKE
    assert not CaseReport.objects.filter(case=case).exists()
    assert case.reference.startswith("Z-")
    assert _events("case.created", case)[0].details == {"origin": "signal", "reports": 0}

    with pytest.raises(ValidationError):
        services.case_create(organisation=org, by=team["alice"], title="Empty", ground="misstand", signal="   ")
    for not_allowed in (team["bob"], team["erin"], team["grace"]):
        with pytest.raises(PermissionDenied):
            services.case_create(organisation=org, by=not_allowed, title="X", ground="misstand", signal="Y")


def test_a_subject_named_by_the_coordinator_is_implicated_and_loses_access(team, make_case, make_report):
    report, _code = make_report()
    case = make_case(reports=[report])
    dave = team["dave"]
    services.case_assign(case=case, by=team["alice"], user=dave)
    assert case_access.can_view_case(dave, case)
    assert report_access.can_view_report(dave, report)

    services.party_add(case=case, by=team["alice"], role=PartyRole.SUBJECT, name="Dave Invented", user=dave)

    assert CaseImplication.objects.filter(case=case, user=dave).exists()
    assert [e.details["user_id"] for e in _events("case.implicated_marked", case)] == [dave.pk]
    assert not CaseAssignment.objects.filter(case=case, user=dave).exists()
    assert not case_access.can_view_case(dave, case)
    assert case not in selectors.case_list_queryset_for_user(user=dave)
    with pytest.raises(Http404):
        selectors.case_get_for_user(user=dave, reference=case.reference)
    # ...and not through the case's report either.
    assert not report_access.can_view_report(dave, report)
    assert not Assignment.objects.filter(report=report, user=dave).exists()
    with pytest.raises(Http404):
        report_selectors.report_get_for_user(user=dave, reference=report.reference)
    # He can never be assigned again.
    with pytest.raises(ValidationError):
        services.case_assign(case=case, by=team["alice"], user=dave)
    with pytest.raises(ValidationError):
        report_services.report_assign(report=report, by=team["alice"], user=dave)


def test_a_witness_with_an_account_keeps_access(team, make_case):
    case = make_case()
    services.case_assign(case=case, by=team["alice"], user=team["dave"])
    services.party_add(case=case, by=team["alice"], role=PartyRole.WITNESS, user=team["dave"])
    assert case_access.can_view_case(team["dave"], case)


# --- Hand-over ----------------------------------------------------------------------------


def test_hand_over_moves_all_open_cases_and_reports_of_a_leaving_handler_in_one_step(org, team, make_case, make_report):
    alice, bob = team["alice"], team["bob"]
    successor = make_user(org, "ivy", Role.INVESTIGATOR)
    in_case, _code = make_report()
    open_with_report = make_case(reports=[in_case])
    open_signal = make_case(state=State.ASSESSMENT)
    closed = make_case(state=State.CLOSED)
    loose, _code = make_report()
    report_services.report_assign(report=loose, by=alice, user=bob)
    not_bobs = make_case(assign=("pat",))

    moved = services.cases_hand_over(organisation=org, by=alice, from_user=bob, to_user=successor)

    assert moved == 3  # two open cases and one report without a case
    for case in (open_with_report, open_signal):
        assert not case_access.can_view_case(bob, case)
        assert case_access.can_view_case(successor, case)
    for report in (in_case, loose):
        assert not report_access.can_view_report(bob, report)
        assert report_access.can_view_report(successor, report)
    # Closed cases stay with the person who handled them; other cases are untouched.
    assert CaseAssignment.objects.filter(case=closed, user=bob).exists()
    assert not CaseAssignment.objects.filter(case=closed, user=successor).exists()
    assert not CaseAssignment.objects.filter(case=not_bobs, user=successor).exists()

    (event,) = _events("case.handed_over")
    assert event.actor_id == alice.pk and event.organisation_id == org.pk
    assert event.details == {"from_user_id": bob.pk, "to_user_id": successor.pk, "items": 3}


def test_hand_over_is_all_or_nothing(org, team, make_case):
    alice, bob = team["alice"], team["bob"]
    successor = make_user(org, "ivy", Role.INVESTIGATOR)
    fine = make_case()
    blocked = make_case()
    services.case_mark_implicated(case=blocked, by=alice, user=successor)

    with pytest.raises(ValidationError):
        services.cases_hand_over(organisation=org, by=alice, from_user=bob, to_user=successor)

    for case in (fine, blocked):
        assert CaseAssignment.objects.filter(case=case, user=bob).exists()
        assert not CaseAssignment.objects.filter(case=case, user=successor).exists()
    assert not _events("case.handed_over")


def test_only_a_coordinator_of_the_organisation_hands_over(org, team):
    for by in (team["bob"], team["erin"], team["grace"]):
        with pytest.raises(PermissionDenied):
            services.cases_hand_over(organisation=org, by=by, from_user=team["bob"], to_user=team["pat"])
    with pytest.raises(ValidationError):
        services.cases_hand_over(organisation=org, by=team["alice"], from_user=team["bob"], to_user=team["bob"])
    with pytest.raises(ValidationError):
        services.cases_hand_over(organisation=org, by=team["alice"], from_user=team["bob"], to_user=team["grace"])


# --- Documents ----------------------------------------------------------------------------


def test_document_versions_share_a_series_are_encrypted_and_every_download_is_audited(team, make_case):
    case = make_case()
    bob = team["bob"]
    marker = b"INVENTED-MEMO-CONTENT-4711"
    first = services.document_add(
        case=case, by=bob, title="Interview plan", file=CheckedFile("plan.txt", "text/plain", marker + b" v1")
    )
    second = services.document_add(
        case=case,
        by=bob,
        title="Interview plan",
        file=CheckedFile("plan.txt", "text/plain", marker + b" v2"),
        series=first.series,
    )
    other = services.document_add(
        case=case, by=team["pat"], title="Timeline", file=CheckedFile("timeline.txt", "text/plain", b"2024")
    )
    assert (first.series, first.version) == (1, 1)
    assert (second.series, second.version) == (1, 2)
    assert (other.series, other.version) == (2, 1)
    assert [(d.series, d.version) for d in CaseDocument.objects.filter(case=case)] == [(1, 2), (1, 1), (2, 1)]
    with pytest.raises(ValidationError):
        services.document_add(case=case, by=bob, title="x", file=CheckedFile("x.txt", "text/plain", b"x"), series=99)
    assert CaseDocument.objects.filter(case=case).count() == 3

    # Encrypted on disk and in the database; readable through the service only.
    stored = Path(settings.OI_FILE_ROOT) / second.stored_name
    assert stored.exists() and marker not in stored.read_bytes()
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, filename FROM cases_casedocument WHERE id = %s", [second.pk])
        raw_title, raw_filename = cursor.fetchone()
    assert raw_title.startswith("oi1:") and "Interview" not in raw_title
    assert raw_filename.startswith("oi1:") and "plan" not in raw_filename

    assert services.document_read(document=second, by=bob) == marker + b" v2"
    assert services.document_read(document=first, by=bob) == marker + b" v1"
    downloads = _events("case.document_downloaded", case)
    assert [e.details["document_id"] for e in downloads] == [second.pk, first.pk]
    assert all(e.actor_id == bob.pk for e in downloads)


def test_documents_are_refused_after_closure_and_without_a_role(team, make_case):
    case = make_case()
    services.case_assign(case=case, by=team["alice"], user=team["dave"])  # manager: no document role
    with pytest.raises(PermissionDenied):
        services.document_add(case=case, by=team["dave"], title="x", file=CheckedFile("x.txt", "text/plain", b"x"))
    closed = make_case(state=State.CLOSED)
    with pytest.raises(ValidationError):
        services.document_add(case=closed, by=team["bob"], title="x", file=CheckedFile("x.txt", "text/plain", b"x"))
    assert list(Path(settings.OI_FILE_ROOT).rglob("*.bin")) == []


# --- The council summary ------------------------------------------------------------------

CLEAN_SUMMARY = {
    "summary_year": 2024,
    "summary_principal": "Gemeentesecretaris",
    "summary_description": "Een melding over de gunning van opdrachten zonder aanbesteding.",
    "summary_object": "Inkoop bij een afdeling.",
    "summary_findings": "Het vermoeden is niet bevestigd.",
    "summary_consequence": "Extra training inkoopregels voor het team.",
    "summary_bureau": "",
}


@pytest.fixture
def summary_case(team, make_case, make_report):
    report, _code = make_report(anonymity="confidential", identity={"name": "Rosa Vermeulen", "email": "", "phone": ""})
    case = make_case(reports=[report])
    services.party_add(case=case, by=team["bob"], role=PartyRole.SUBJECT, name="Petra van der Heijden")
    services.party_add(
        case=case,
        by=team["bob"],
        role=PartyRole.WITNESS,
        name="Karel Bos",
        email="k.bos@example.invalid",
        phone="06-12345678",
    )
    return case


@pytest.mark.parametrize(
    ("field", "text", "problem"),
    [
        ("summary_description", "Petra van der Heijden heeft opdrachten gegund.", "name of a person known"),
        ("summary_findings", "Volgens Heijden klopte het niet.", "name of a person known"),  # a surname alone
        ("summary_object", "Het gedrag van mevrouw Vermeulen.", "name of a person known"),  # the reporter
        ("summary_findings", "Getuige Bos verklaarde anders.", "name of a person known"),
        ("summary_description", "Contact via k.bos@example.invalid.", "e-mail address"),
        ("summary_description", "Contact via iemand@gemeente.invalid.", "e-mail address"),
        ("summary_consequence", "Bel 06-12345678 voor meer.", "phone number"),
        ("summary_consequence", "Bel +31 20 123 4567 voor meer.", "phone number"),
    ],
)
def test_a_summary_that_leads_back_to_a_person_is_refused_with_a_clear_message(
    summary_case, team, field, text, problem
):
    pat = team["pat"]
    services.summary_update(case=summary_case, by=pat, **{**CLEAN_SUMMARY, field: text})
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.summary_finalise(case=summary_case, by=pat)
    messages = excinfo.value.messages
    assert any(problem in message for message in messages), messages
    # The message never repeats the personal data it found.
    for personal in ("Heijden", "Vermeulen", "Bos", "k.bos", "12345678", "iemand"):
        assert not any(personal in message for message in messages)
    summary_case.refresh_from_db()
    assert summary_case.summary_final_at is None
    assert not _events("case.summary_finalised", summary_case)


def test_a_clean_summary_is_accepted_and_editing_it_makes_it_draft_again(summary_case, team):
    pat = team["pat"]
    services.summary_update(case=summary_case, by=pat, **CLEAN_SUMMARY)
    assert services.summary_check(summary_case) == []
    services.summary_finalise(case=summary_case, by=pat)
    summary_case.refresh_from_db()
    assert summary_case.summary_final_at is not None
    assert _events("case.summary_finalised", summary_case)

    services.summary_update(case=summary_case, by=pat, summary_findings="Het vermoeden is deels bevestigd.")
    summary_case.refresh_from_db()
    assert summary_case.summary_final_at is None


def test_an_incomplete_summary_is_refused(summary_case, team):
    services.summary_update(case=summary_case, by=team["pat"], **{**CLEAN_SUMMARY, "summary_findings": ""})
    with translation.override("en"), pytest.raises(ValidationError, match="at least the year"):
        services.summary_finalise(case=summary_case, by=team["pat"])


def test_tussenvoegsels_alone_do_not_block_a_summary(summary_case, team):
    text = "De medewerkers van de afdeling en het team van der inkoop."
    services.summary_update(case=summary_case, by=team["pat"], **{**CLEAN_SUMMARY, "summary_description": text})
    assert services.summary_check(summary_case) == []


def test_a_surname_written_as_an_ordinary_word_does_not_block_a_summary(summary_case, team):
    text = "Een wandeling in het bos leidde tot een conflict."  # "Bos" is a witness's surname
    services.summary_update(case=summary_case, by=team["pat"], **{**CLEAN_SUMMARY, "summary_description": text})
    assert services.summary_check(summary_case) == []


def test_names_known_anywhere_in_the_organisation_block_a_summary(summary_case, team, make_case, org):
    """Not only the case's own parties: a party of another case, and every account's name."""
    other = make_case()
    services.party_add(case=other, by=team["bob"], role=PartyRole.WITNESS, name="Dirk Hoogendoorn")
    team["bob"].last_name = "de Zwart"
    team["bob"].save()
    pat = team["pat"]
    for text in ("Hoogendoorn gaf informatie.", "Het team van De Zwart."):
        services.summary_update(case=summary_case, by=pat, **{**CLEAN_SUMMARY, "summary_object": text})
        with translation.override("en"):
            problems = services.summary_check(summary_case)
        assert problems == ["Object of investigation: The text contains a name of a person known to the organisation."]


# --- Retaliation --------------------------------------------------------------------------


def test_a_retaliation_complaint_becomes_its_own_case_linked_to_the_first(team, make_case, make_report):
    report, _code = make_report()
    original = make_case(state=State.CLOSED, reports=[report])
    complaint = services.retaliation_complaint_create(
        original=original,
        by=team["alice"],
        title="Invented retaliation complaint",
        description="The reporter was moved to another team after the report.",
    )
    assert complaint.pk != original.pk and complaint.reference != original.reference
    assert complaint.origin == Origin.RETALIATION
    assert complaint.retaliation_of == original
    assert complaint.state == State.INTAKE
    assert complaint.ground == original.ground
    assert list(original.retaliation_complaints.all()) == [complaint]
    assert not CaseReport.objects.filter(case=complaint).exists()  # the report stays with the first case
    assert _events("case.created", complaint)[0].details["origin"] == "retaliation"
    original.refresh_from_db()
    assert original.state == State.CLOSED

    for refused in (team["bob"], team["grace"], team["erin"]):
        with pytest.raises(PermissionDenied):
            services.retaliation_complaint_create(original=original, by=refused, title="x", description="y")


# --- Protection of the reporter -----------------------------------------------------------


def test_protection_reminders_after_closure_are_sent_once_and_carry_no_content(team, make_case, run_job):
    case = make_case(state=State.FEEDBACK)
    today = dt.date(2025, 3, 10)
    measure = services.protective_measure_add(
        case=case,
        by=team["pat"],
        description="INVENTED-PROTECTION: no assessment by the manager concerned",
        started_on=today - dt.timedelta(days=30),
        follow_up_on=today + dt.timedelta(days=1),
    )
    services.case_transition(case=case, by=team["alice"], transition="close")
    mail.outbox.clear()

    assert run_job(send_protection_reminders, today=today) == 2
    assert run_job(send_protection_reminders, today=today) == 0

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["bob@example.invalid", "pat@example.invalid"]  # the assigned handlers, once each
    for message in mail.outbox:
        assert case.reference in message.body
        assert "INVENTED-PROTECTION" not in message.subject + message.body
        assert "Invented case" not in message.subject + message.body
    assert ProtectionReminder.objects.filter(measure=measure).count() == 2

    # A new follow-up date is a new reminder; an ended measure is not reminded.
    services.protective_measure_update(
        measure=measure, by=team["pat"], follow_up_on=today + dt.timedelta(days=30), ended_on=None
    )
    assert run_job(send_protection_reminders, today=today + dt.timedelta(days=28)) == 2
    services.protective_measure_update(measure=measure, by=team["pat"], follow_up_on=None, ended_on=today)
    assert run_job(send_protection_reminders, today=today + dt.timedelta(days=90)) == 0


def test_protection_reminders_go_to_the_coordinators_when_nobody_is_assigned(org, team, make_case, run_job):
    case = make_case(state=State.CLOSED)
    for name in ("bob", "pat"):
        services.case_unassign(case=case, by=team["alice"], user=team[name])
    implicated = make_user(org, "zoe", Role.COORDINATOR)
    services.case_mark_implicated(case=case, by=team["alice"], user=implicated)
    today = dt.date(2025, 3, 10)
    services.protective_measure_add(
        case=case, by=team["alice"], description="Invented", started_on=today, follow_up_on=today
    )
    mail.outbox.clear()
    assert run_job(send_protection_reminders, today=today) == 1
    assert [m.to for m in mail.outbox] == [["alice@example.invalid"]]  # never the implicated coordinator


# --- External investigation, fraud and the accountant -------------------------------------


def test_external_investigation_fraud_and_accountant_are_recorded(team, make_case):
    case = make_case(state=State.INVESTIGATION)
    pat = team["pat"]
    case = services.external_update(
        case=case,
        by=pat,
        investigated_by="external",
        external_bureau="Invented Onderzoeksbureau B.V.",
        bureau_assigned_on=dt.date(2025, 2, 1),
        external_costs=Decimal("12500.50"),
        external_body="police",
        external_body_on=dt.date(2025, 2, 3),
        fraud_involved=True,
        accountant_informed_on=dt.date(2025, 2, 4),
    )
    case = Case.objects.get(pk=case.pk)
    assert case.investigated_by == "external"
    assert case.external_bureau == "Invented Onderzoeksbureau B.V."
    assert case.bureau_assigned_on == dt.date(2025, 2, 1)
    assert case.external_costs == Decimal("12500.50")
    assert case.external_body == "police" and case.external_body_on == dt.date(2025, 2, 3)
    assert case.fraud_involved and case.accountant_informed_on == dt.date(2025, 2, 4)
    event = _events("case.external_updated", case)[-1]
    assert event.details == {"investigated_by": "external", "fraud": True}

    # No fraud after all: the accountant date goes with it. Emptying fields works.
    case = services.external_update(
        case=case, by=pat, fraud_involved=False, bureau_assigned_on=None, external_costs=None, external_body=None
    )
    case = Case.objects.get(pk=case.pk)
    assert not case.fraud_involved and case.accountant_informed_on is None
    assert case.bureau_assigned_on is None and case.external_costs is None and case.external_body == ""


def test_external_fields_are_validated_and_reserved_for_the_principal(team, make_case):
    case = make_case(state=State.INVESTIGATION)
    with pytest.raises(ValidationError):
        services.external_update(case=case, by=team["pat"], external_costs=Decimal("-1"))
    with pytest.raises(ValidationError):
        services.external_update(case=case, by=team["pat"], state="closed")
    with pytest.raises(ValidationError):
        services.external_update(case=case, by=team["pat"], external_body="the-moon")
    with pytest.raises(PermissionDenied):
        services.external_update(case=case, by=team["bob"], fraud_involved=True)
    case = Case.objects.get(pk=case.pk)
    assert case.external_costs is None and not case.fraud_involved and case.state == State.INVESTIGATION


def test_measures_and_findings_only_in_their_states(team, make_case):
    case = make_case(state=State.INVESTIGATION)
    with pytest.raises(ValidationError):
        services.measure_add(case=case, by=team["pat"], kind="coaching", decided_on=dt.date(2025, 1, 1))
    allegation = services.allegation_add(case=case, by=team["pat"], description="Invented allegation")
    with pytest.raises(ValidationError):
        services.finding_record(allegation=allegation, by=team["bob"], outcome="founded")
    party = services.party_add(case=case, by=team["bob"], role=PartyRole.SUBJECT, name="Invented")
    hearing = services.hearing_record(
        case=case, by=team["bob"], party=party, held_on=dt.date(2025, 1, 2), heard_by="Bob", summary="Invented"
    )
    assert hearing.party == party


def test_encrypted_document_file_is_removed_when_the_write_fails(team, make_case, monkeypatch):
    case = make_case()

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "_log", broken)
    with pytest.raises(RuntimeError):
        services.document_add(case=case, by=team["bob"], title="x", file=CheckedFile("x.txt", "text/plain", b"x"))
    assert not CaseDocument.objects.exists()
    assert list(Path(settings.OI_FILE_ROOT).rglob("*.bin")) == []


def test_implicated_in_the_report_only_cannot_be_assigned_to_the_case(team, make_case, make_report):
    report, _code = make_report()
    case = make_case(reports=[report])
    report_services.report_mark_implicated(report=report, by=team["alice"], user=team["dave"])
    assert Implication.objects.filter(report=report, user=team["dave"]).exists()
    with pytest.raises(ValidationError):
        services.case_assign(case=case, by=team["alice"], user=team["dave"])


def test_a_report_added_later_is_closed_to_those_implicated_in_the_case(org, team, make_case, make_report):
    first, _code = make_report()
    case = make_case(reports=[first])
    zoe = make_user(org, "zoe", Role.COORDINATOR)
    services.case_mark_implicated(case=case, by=team["alice"], user=zoe)
    assert not report_access.can_view_report(zoe, first)

    later, _code = make_report(what_happened="Invented: a second report about Zoe.")
    assert report_access.can_view_report(zoe, later)  # any coordinator, before grouping
    services.case_add_report(case=case, by=team["alice"], report=later)

    assert not report_access.can_view_report(zoe, later)
    with pytest.raises(Http404):
        report_selectors.report_get_for_user(user=zoe, reference=later.reference)
