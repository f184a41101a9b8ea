"""Retention of cases (ADR 0008), with frozen time: after the period a closed case's content,
documents and identities are gone from the database and the file storage (checked in the
raw SQLite file + WAL as the product's own checkpoint left them, or a PostgreSQL dump), the
statistical record remains, a second run changes nothing, and the audit trail still verifies."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import retention, services
from open_integriteit.cases.models import (
    Allegation,
    Assessment,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseImplication,
    CaseReport,
    Finding,
    Hearing,
    Measure,
    Note,
    Outcome,
    Party,
    PartyRole,
    ProtectiveMeasure,
    RetaliationRisk,
)
from open_integriteit.cases.workflow import State
from open_integriteit.encryption import storage
from open_integriteit.lists.models import ListEntry
from open_integriteit.reports import selectors as report_selectors
from open_integriteit.reports import services as report_services
from open_integriteit.reports.deadlines import add_months
from open_integriteit.reports.models import (
    Assignment,
    Attachment,
    IdentityDisclosure,
    Message,
    Minutes,
    Report,
    ReporterIdentity,
    Status,
)
from open_integriteit.reports.typology import CATEGORIES
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.retention.models import FileTombstone, RetentionPeriod
from open_integriteit.retention.periods import PeriodTable
from open_integriteit.retention.runner import run_retention
from open_integriteit.testing.fixtures import REPORT_DATA
from open_integriteit.testing.raw_storage import raw_ciphertexts, raw_database_bytes, raw_rows, stored_files

START = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC)
# Kept on purpose: the closing summary is the statistical record for the council.
KEPT_CASE_COLUMNS = {
    "summary_description",
    "summary_object",
    "summary_findings",
    "summary_consequence",
}


def _snapshot(case: Case, report_ids: list[int]) -> dict:
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Case,
            Report,
            CaseReport,
            Party,
            Hearing,
            CaseDocument,
            Note,
            Allegation,
            Finding,
            Measure,
            ProtectiveMeasure,
            Assessment,
            RetaliationRisk,
            ReporterIdentity,
            Message,
            Attachment,
            Minutes,
            FileTombstone,
            AuditEvent,
        )
    }
    return {
        "case": raw_rows(Case, [case.pk]),
        "reports": raw_rows(Report, report_ids),
        "allegations": raw_rows(Allegation, list(Allegation.objects.filter(case=case).values_list("pk", flat=True))),
        "measures": raw_rows(Measure, list(Measure.objects.filter(case=case).values_list("pk", flat=True))),
        "counts": counts,
        "files": stored_files(),
    }


# --- The full case -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_after_the_period_content_and_identities_are_gone_and_statistics_remain(org, team, walk):
    alice, bob, pat = team["alice"], team["bob"], team["pat"]
    tag = secrets.token_hex(6).upper()
    text = f"TEXTMARKER{tag}"
    name = f"Naammarker{tag.lower()}"
    identity = f"IDMARKER{tag}"
    file_marker = f"FILEMARKER{tag}"
    doc_marker = f"DOCMARKER{tag}"
    category = ListEntry.objects.filter(organisation=org, kind=CATEGORIES.code).first()

    with time_machine.travel(START, tick=True):
        report, receipt_code = report_services.report_submit(
            organisation=org,
            data={**REPORT_DATA, "anonymity": "confidential", "what_happened": f"Invented {text}", "involved": text},
            identity={"name": identity, "email": f"{identity.lower()}@example.invalid", "phone": "0612345678"},
        )
        report_services.report_acknowledge(report=report, by=alice, body=f"Received {text}")
        report_services.report_reply_from_reporter(
            report=report,
            body=f"More {text}",
            files=[CheckedFile(f"{name}.txt", "text/plain", f"Attachment {file_marker}".encode())],
        )
        report_services.identity_disclose(report=report, by=alice, reason=f"Needed {text}")

        case = services.case_create(
            organisation=org,
            by=alice,
            title=f"Case {text}",
            ground="business_integrity",
            reports=[report],
            category=category,
        )
        for user in (bob, pat):
            services.case_assign(case=case, by=alice, user=user)
        services.risk_assess(case=case, by=bob, level="high", notes=f"Risk {text}")
        services.assessment_record(case=case, by=bob, investigable=True, reasoning=f"Assessed {text}")
        subject = services.party_add(
            case=case,
            by=alice,
            role=PartyRole.SUBJECT,
            name=f"Subjectnaam {name}",
            function=f"Afdelingshoofd {text}",
            email=f"{name}@example.invalid",
            phone="0201234567",
        )
        witness = services.party_add(case=case, by=bob, role=PartyRole.WITNESS, name=f"Getuige {name}")
        services.note_add(case=case, by=alice, text=f"Note {text}")
        document = services.document_add(
            case=case,
            by=bob,
            title=f"Memo {text}",
            file=CheckedFile(f"{name}.txt", "text/plain", f"Memo {doc_marker}".encode()),
        )
        services.document_add(
            case=case,
            by=bob,
            title=f"Memo v2 {text}",
            file=CheckedFile(f"{name}.txt", "text/plain", f"Memo v2 {doc_marker}".encode()),
            series=document.series,
        )
        protection = services.protective_measure_add(
            case=case, by=pat, description=f"Protect {text}", started_on=START.date(), follow_up_on=None
        )
        walk(case, "start_assessment", "submit_for_decision")
        services.case_transition(case=case, by=pat, transition="decide_investigate", reason=f"Decided {text}")
        walk(case, "start_hearing")
        services.hearing_record(
            case=case,
            by=bob,
            party=subject,
            held_on=START.date(),
            heard_by=f"Bob {text}",
            summary=f"Heard {text}",
            reaction=f"Reaction {text}",
            documents=[document],
        )
        services.hearing_record(
            case=case, by=bob, party=witness, held_on=START.date(), heard_by="Bob", summary=f"Witness {text}"
        )
        walk(case, "complete_hearing")
        allegation = services.allegation_add(case=case, by=pat, description=f"Allegation {text}")
        services.finding_record(allegation=allegation, by=bob, outcome="unfounded", explanation=f"Because {text}")
        walk(case, "decide_measures")
        services.measure_add(
            case=case, by=pat, kind="coaching", decided_on=START.date(), description=f"Coach {text}", party=subject
        )
        services.external_update(
            case=case,
            by=pat,
            investigated_by="external",
            external_bureau="Invented Bureau",
            external_costs=Decimal("950"),
        )
        services.lessons_update(case=case, by=pat, lessons_learned=f"Lessons {text}")
        services.summary_update(
            case=case,
            by=pat,
            summary_year=2024,
            summary_principal="Gemeentesecretaris",
            summary_description="Een melding over inkoop zonder aanbesteding.",
            summary_object="Inkoop bij een afdeling.",
            summary_findings="Het vermoeden is niet bevestigd.",
            summary_consequence="Coaching.",
        )
        services.summary_finalise(case=case, by=pat)
        services.protective_measure_update(measure=protection, by=pat, follow_up_on=None, ended_on=START.date())
        case = walk(case, "measures_taken", "close")

    case = Case.objects.get(pk=case.pk)
    assert case.state == State.CLOSED and case.outcome == Outcome.UNFOUNDED
    report_ids = [report.pk]
    before = Case.objects.get(pk=case.pk)

    # What is stored now, as the database and the disk hold it.
    ciphertexts: list[str] = []
    ciphertexts += raw_ciphertexts(Case, [case.pk], skip=KEPT_CASE_COLUMNS)
    ciphertexts += raw_ciphertexts(Report, report_ids)
    for model in (ReporterIdentity, Message, Attachment, IdentityDisclosure, Minutes):
        ciphertexts += raw_ciphertexts(
            model, list(model.objects.filter(report_id__in=report_ids).values_list("pk", flat=True))
        )
    for model in (
        Party,
        Hearing,
        Allegation,
        Measure,
        CaseDocument,
        Note,
        Assessment,
        RetaliationRisk,
        ProtectiveMeasure,
    ):
        ciphertexts += raw_ciphertexts(model, list(model.objects.filter(case=case).values_list("pk", flat=True)))
    ciphertexts += raw_ciphertexts(
        Finding, list(Finding.objects.filter(allegation__case=case).values_list("pk", flat=True))
    )
    assert len(ciphertexts) > 40
    stored_names = list(Attachment.objects.filter(report_id__in=report_ids).values_list("stored_name", flat=True))
    stored_names += list(CaseDocument.objects.filter(case=case).values_list("stored_name", flat=True))
    assert len(stored_names) == 3
    assert all((Path(settings.OI_FILE_ROOT) / n).exists() for n in stored_names)
    raw = raw_database_bytes()
    assert all(c.encode() in raw for c in ciphertexts), "the raw check sees every stored value"
    assert report_selectors.report_get_for_receipt(organisation=org, code=receipt_code) == report

    # The period: DEFAULT_RETENTION_MONTHS for the outcome, counted from closure.
    months = retention.DEFAULT_RETENTION_MONTHS[Outcome.UNFOUNDED]
    assert retention.retention_months(organisation_id=org.pk, outcome=case.outcome) == months
    closed_at = timezone.localtime(case.closed_at)
    with time_machine.travel(add_months(closed_at, months - 1), tick=False):
        assert run_retention() == 0
    with time_machine.travel(add_months(closed_at, months) - dt.timedelta(hours=1), tick=False):
        assert run_retention() == 0
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
    assert Party.objects.filter(case=case).count() == 3  # nothing destroyed early

    destroyed_on = add_months(closed_at, months) + dt.timedelta(minutes=5)
    with time_machine.travel(destroyed_on, tick=False):
        assert run_retention() == 1

    # Gone from the raw database (as the product's checkpoint left it) and from the file storage.
    raw = raw_database_bytes(checkpoint=False)
    assert case.reference.encode() in raw and report.reference.encode() in raw  # the raw read is real
    survivors = [c[:40] for c in ciphertexts if c.encode() in raw]
    assert survivors == [], "stored values survived in the raw database"
    markers = (text, name, identity, identity.lower(), file_marker, doc_marker)
    assert [m for m in markers if m.encode() in raw] == []
    for stored in stored_names:
        assert not (Path(settings.OI_FILE_ROOT) / stored).exists()
    assert stored_files() == []
    assert not FileTombstone.objects.exists()

    # Gone through the ORM: rows deleted, content emptied.
    for model in (Party, Hearing, CaseDocument, Note, Assessment, RetaliationRisk, ProtectiveMeasure):
        assert not model.objects.filter(case=case).exists(), model.__name__
    assert not CaseAssignment.objects.filter(case=case).exists()
    assert not CaseImplication.objects.filter(case=case).exists()
    for model in (ReporterIdentity, Message, Attachment, IdentityDisclosure, Minutes, Assignment):
        assert not model.objects.filter(report_id__in=report_ids).exists(), model.__name__
    case = Case.objects.get(pk=case.pk)
    assert (case.title, case.signal, case.decision_reason, case.lessons_learned) == ("", "", "", "")
    assert [a.description for a in Allegation.objects.filter(case=case)] == [""]
    assert [f.explanation for f in Finding.objects.filter(allegation__case=case)] == [""]
    assert [(m.description, m.party_id) for m in Measure.objects.filter(case=case)] == [("", None)]
    report = Report.objects.get(pk=report.pk)
    assert (report.what_happened, report.when_where, report.involved, report.how_known) == ("", "", "", "")
    assert report.reported_elsewhere_detail == "" and report.receipt_hash is None
    assert report_selectors.report_get_for_receipt(organisation=org, code=receipt_code) is None  # mailbox closed

    # The statistical record remains.
    assert case.state == State.DESTROYED
    assert case.destroyed_at == destroyed_on
    for field in (
        "reference",
        "origin",
        "created_at",
        "closed_at",
        "ground",
        "category_id",
        "outcome",
        "decision",
        "decision_at",
        "investigated_by",
        "external_bureau",
        "external_costs",
        "summary_year",
        "summary_principal",
        "summary_description",
        "summary_object",
        "summary_findings",
        "summary_consequence",
        "summary_final_at",
    ):
        assert getattr(case, field) == getattr(before, field), field
    assert case.category == category and case.outcome == Outcome.UNFOUNDED
    assert list(Measure.objects.filter(case=case).values_list("kind", flat=True)) == ["coaching"]
    assert list(Finding.objects.filter(allegation__case=case).values_list("outcome", flat=True)) == ["unfounded"]
    assert list(CaseReport.objects.filter(case=case).values_list("report_id", flat=True)) == report_ids
    assert report.received_at >= START and report.ground == "business_integrity" and report.channel == "web"
    assert report.anonymity == "confidential" and report.status == Status.CLOSED

    # A second run finds nothing to do and changes nothing.
    snapshot = _snapshot(case, report_ids)
    with time_machine.travel(destroyed_on + dt.timedelta(days=400), tick=False):
        assert run_retention() == 0
    assert _snapshot(case, report_ids) == snapshot

    # The audit trail still verifies and records the destruction (without content).
    call_command("verify_audit")
    (event,) = AuditEvent.objects.filter(action="case.destroyed", object_type="cases.case", object_id=str(case.pk))
    assert event.channel == "system" and event.actor_id is None
    assert event.details == {"outcome": "unfounded", "reports": 1, "summary_kept": True}
    assert AuditEvent.objects.filter(action="case.transition", object_id=str(case.pk), details__step="destroy").exists()


# --- The period and what postpones it ------------------------------------------------------


def _close(make_case, **kwargs) -> Case:
    with time_machine.travel(START, tick=True):
        return make_case(state=State.CLOSED, **kwargs)


@pytest.mark.django_db
def test_an_open_protective_measure_postpones_destruction_until_it_ends(team, make_case):
    with time_machine.travel(START, tick=True):
        case = make_case(state=State.FEEDBACK)
        measure = services.protective_measure_add(
            case=case, by=team["pat"], description="Invented", started_on=START.date(), follow_up_on=None
        )
        services.case_transition(case=case, by=team["alice"], transition="close")
    case.refresh_from_db()
    assert case.outcome == Outcome.NO_ACTION
    long_after = add_months(case.closed_at, 36)
    with time_machine.travel(long_after, tick=False):
        assert _due() == []
        assert run_retention() == 0
        assert Case.objects.get(pk=case.pk).state == State.CLOSED
        services.protective_measure_update(
            measure=measure, by=team["pat"], follow_up_on=None, ended_on=long_after.date()
        )
        assert run_retention() == 1
    assert Case.objects.get(pk=case.pk).state == State.DESTROYED


def _due(now: dt.datetime | None = None) -> list[Case]:
    now = now or timezone.now()
    return [p.obj for p in retention.pending(months=PeriodTable()) if p.ends_at is not None and p.ends_at <= now]


@pytest.mark.django_db
def test_a_case_without_protective_measures_is_due(make_case):
    case = _close(make_case)
    assert not ProtectiveMeasure.objects.filter(case=case).exists()
    ends = retention.retention_ends(Case.objects.get(pk=case.pk))
    assert _due(ends - dt.timedelta(seconds=1)) == []
    assert _due(ends) == [case]


@pytest.mark.django_db
def test_protection_added_after_the_run_listed_the_case_still_postpones_it(team, make_case):
    """The registry's destroy checks again under the lock."""
    case = _close(make_case)
    ends = retention.retention_ends(Case.objects.get(pk=case.pk))
    with time_machine.travel(ends, tick=False):
        (listed,) = _due()
        services.protective_measure_add(
            case=case, by=team["pat"], description="Invented", started_on=START.date(), follow_up_on=None
        )
        assert retention.destroy_if_due(listed, ends) is False
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


@pytest.mark.django_db
def test_a_case_reopened_after_the_run_listed_it_is_not_destroyed(team, make_case):
    """The registry's destroy checks again under the lock that the case is still closed."""
    case = _close(make_case)
    ends = retention.retention_ends(Case.objects.get(pk=case.pk))
    with time_machine.travel(ends, tick=False):
        (listed,) = _due()
        services.case_transition(case=case, by=team["alice"], transition="reopen", reason="New facts")
        assert retention.destroy_if_due(listed, ends) is False
    case = Case.objects.get(pk=case.pk)
    assert case.state == State.ASSESSMENT and case.title


@pytest.mark.django_db
def test_only_the_due_case_is_destroyed_and_a_protected_one_beside_it_stays(team, make_case):
    due = _close(make_case)
    with time_machine.travel(START + dt.timedelta(days=1), tick=True):  # the newer case
        protected = make_case(state=State.FEEDBACK)
        services.protective_measure_add(
            case=protected, by=team["pat"], description="Invented", started_on=START.date(), follow_up_on=None
        )
        services.case_transition(case=protected, by=team["alice"], transition="close")
    ends = retention.retention_ends(Case.objects.get(pk=due.pk))
    with time_machine.travel(add_months(ends, 12), tick=False):
        assert run_retention() == 1
    assert Case.objects.get(pk=due.pk).state == State.DESTROYED
    assert Case.objects.get(pk=protected.pk).state == State.CLOSED
    assert Case.objects.get(pk=protected.pk).title  # its content is still there


@pytest.mark.django_db
def test_only_closed_cases_are_listed_the_longest_closed_first(team, make_case):
    with time_machine.travel(START, tick=True):
        later = make_case(state=State.FEEDBACK)
        earlier = make_case(state=State.CLOSED)
        services.case_transition(case=later, by=team["alice"], transition="close")
        destroyed = make_case(state=State.CLOSED)
        reopened = make_case(state=State.CLOSED)
        services.case_transition(case=reopened, by=team["alice"], transition="reopen", reason="New facts")
        make_case(state=State.INVESTIGATION)
    assert retention.case_destroy(case=destroyed)
    listed = list(retention.pending(months=PeriodTable()))
    assert [entry.obj for entry in listed] == [earlier, later]
    assert [entry.label for entry in listed] == [earlier.reference, later.reference]


@pytest.mark.django_db
def test_a_closed_case_without_a_closing_moment_is_not_listed_and_stops_no_run(make_case):
    """Cases closed before the closing moment was recorded have no end of retention."""
    case = _close(make_case)
    Case.objects.filter(pk=case.pk).update(closed_at=None)
    assert list(retention.pending(months=PeriodTable())) == []
    with time_machine.travel(START + dt.timedelta(days=3650), tick=False):
        assert run_retention() == 0
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


@pytest.mark.django_db
def test_the_overview_lists_only_the_closed_cases_the_user_may_see(team, make_case):
    case = _close(make_case)
    assert [entry.obj for entry in retention.pending(months=PeriodTable(), user=team["alice"])] == [case]
    assert list(retention.pending(months=PeriodTable(), user=team["grace"])) == []  # another organisation


@pytest.mark.django_db
def test_a_retention_policy_overrides_the_default_months(org, make_case):
    case = _close(make_case)
    outcome = Case.objects.get(pk=case.pk).outcome
    default = retention.DEFAULT_RETENTION_MONTHS[outcome]
    RetentionPeriod.objects.create(organisation=org, key=f"cases.{outcome}", months=default + 10)
    assert retention.retention_months(organisation_id=org.pk, outcome=outcome) == default + 10
    closed_at = timezone.localtime(Case.objects.get(pk=case.pk).closed_at)
    with time_machine.travel(add_months(closed_at, default) + dt.timedelta(days=1), tick=False):
        assert run_retention() == 0  # the default would have destroyed it
    with time_machine.travel(add_months(closed_at, default + 10) + dt.timedelta(days=1), tick=False):
        assert run_retention() == 1


@pytest.mark.django_db
def test_a_shorter_policy_destroys_earlier_and_only_for_its_organisation(org, other_org, make_case):
    case = _close(make_case)
    outcome = Case.objects.get(pk=case.pk).outcome
    RetentionPeriod.objects.create(organisation=other_org, key=f"cases.{outcome}", months=60)
    RetentionPeriod.objects.create(organisation=org, key=f"cases.{outcome}", months=1)
    assert retention.retention_months(organisation_id=org.pk, outcome=outcome) == 1
    assert retention.retention_months(organisation_id=other_org.pk, outcome=outcome) == 60
    closed_at = timezone.localtime(Case.objects.get(pk=case.pk).closed_at)
    with time_machine.travel(add_months(closed_at, 1) + dt.timedelta(days=1), tick=False):
        assert run_retention() == 1


@pytest.mark.django_db
def test_a_reopened_case_is_not_destroyed(team, make_case):
    case = _close(make_case)
    services.case_transition(case=case, by=team["alice"], transition="reopen", reason="New facts")
    with time_machine.travel(START + dt.timedelta(days=3650), tick=False):
        assert run_retention() == 0
    assert Case.objects.get(pk=case.pk).state == State.ASSESSMENT


@pytest.mark.django_db
def test_a_run_after_a_crash_removes_files_whose_rows_are_gone(team, make_case):
    """Simulate a crash between the commit and the file deletion: the tombstone is left."""
    case = make_case()
    document = services.document_add(
        case=case, by=team["bob"], title="Invented", file=CheckedFile("x.txt", "text/plain", b"invented")
    )
    orphan, _key = storage.save_encrypted(b"invented orphan")
    FileTombstone.objects.create(stored_name=orphan)
    assert (Path(settings.OI_FILE_ROOT) / orphan).exists()

    assert run_retention() == 0
    assert not (Path(settings.OI_FILE_ROOT) / orphan).exists()
    assert not FileTombstone.objects.exists()
    # Files that still have their row are left alone.
    assert storage.read_decrypted(document.stored_name) == b"invented"
    # A tombstone whose file is already gone is simply cleared.
    FileTombstone.objects.create(stored_name=orphan)
    assert run_retention() == 0
    assert not FileTombstone.objects.exists()


@pytest.mark.django_db
def test_destroying_a_case_erases_its_own_reports_and_no_others(make_report, make_case):
    others = [make_report(what_happened="Invented report of no case")[0] for _ in range(2)]
    own, _code = make_report(what_happened="Invented report of the case")
    case = _close(make_case, reports=[own])
    assert retention.case_destroy(case=case)
    assert Report.objects.get(pk=own.pk).what_happened == ""
    assert [Report.objects.get(pk=other.pk).what_happened for other in others] == ["Invented report of no case"] * 2


@pytest.mark.django_db
def test_destroying_twice_or_an_open_case_does_nothing(make_case):
    open_case = make_case(state=State.INVESTIGATION)
    assert retention.case_destroy(case=open_case) is False
    assert Case.objects.get(pk=open_case.pk).state == State.INVESTIGATION
    assert Case.objects.get(pk=open_case.pk).title

    closed = _close(make_case)
    assert retention.case_destroy(case=closed) is True
    events = AuditEvent.objects.count()
    assert retention.case_destroy(case=closed) is False
    assert AuditEvent.objects.count() == events
    assert Case.objects.get(pk=closed.pk).state == State.DESTROYED
