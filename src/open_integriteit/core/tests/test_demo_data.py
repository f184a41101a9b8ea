"""The demo data tells one consistent story (issue 7, item 10): every date in order and
not in the future, every case has what its state implies, no placeholder text; and the
demo reporters' receipt codes open their mailboxes and are kept only in a 0600 file."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from open_integriteit.cases import retention
from open_integriteit.cases.demo import ROUTES
from open_integriteit.cases.models import Case, Decision, Finding, Outcome
from open_integriteit.cases.workflow import State
from open_integriteit.core.demo import load_demo
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.reports.models import Message, Minutes, Report, Status
from open_integriteit.reports.receipts import hash_code

pytestmark = pytest.mark.django_db

PLACEHOLDERS = ("demo", "verzonnen", "placeholder", "lorem", "todo", "xxx", "test", "voorbeeld)")
DECIDED = {
    State.INFORMAL,
    State.REFERRED,
    State.PRELIMINARY_INVESTIGATION,
    State.INVESTIGATION,
    State.HEARING,
    State.FINDINGS,
    State.MEASURES,
    State.FEEDBACK,
    State.CLOSED,
    State.DESTROYED,
}


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", "--quiet")
    return tmp_path


def _in_order(*moments: dt.datetime | None) -> bool:
    present = [m for m in moments if m is not None]
    return present == sorted(present)


def test_every_report_has_its_dates_in_order_and_none_in_the_future(demo):
    now = timezone.now()
    reports = Report.objects.all()
    assert reports.count() >= 16
    for report in reports:
        assert _in_order(report.received_at, report.acknowledged_at, report.feedback_at, report.closed_at, now), (
            report.reference
        )
        if report.acknowledged_at:
            assert report.acknowledged_at - report.received_at <= dt.timedelta(days=7), report.reference
        if report.status == Status.CLOSED:
            assert report.closed_at and report.feedback_at, report.reference
        for message in Message.objects.filter(report=report):
            assert report.received_at <= message.created_at <= now, report.reference
        for minutes in Minutes.objects.filter(report=report):
            assert report.received_at <= minutes.offered_at <= now, report.reference


def test_every_case_has_its_dates_in_order(demo):
    now = timezone.now()
    for case in Case.objects.all():
        received = [r.received_at for r in Report.objects.filter(case_link__case=case)]
        assert _in_order(*sorted(received), case.created_at, case.decision_at, case.closed_at, now), case.title
        assert _in_order(case.created_at, case.summary_final_at, case.closed_at or now), case.title
        for related in ("risk_assessments", "assessments"):
            for record in getattr(case, related).all():
                assert _in_order(case.created_at, record.assessed_at, case.decision_at or now), case.title
        for model_field in ("parties", "allegations", "documents", "notes"):
            for record in getattr(case, model_field).all():
                assert _in_order(case.created_at, record.created_at, case.closed_at or now), case.title
        today = timezone.localdate(now)
        opened = timezone.localdate(case.created_at)
        for hearing in case.hearings.all():
            assert opened <= hearing.held_on <= today, case.title
        for measure in case.measures.all():
            assert opened <= measure.decided_on <= today, case.title
        for finding in Finding.objects.filter(allegation__case=case):
            assert _in_order(case.decision_at, finding.established_at, case.closed_at or now), case.title
        if case.accountant_informed_on:
            assert opened <= case.accountant_informed_on <= today


def test_every_case_has_what_its_state_implies(demo):
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(State.values), "one demo case in every state"
    for case in Case.objects.exclude(state=State.DESTROYED):
        state = case.state
        allegations = list(case.allegations.all())
        assert (case.decision != "") == (state in DECIDED), case.title
        assert (case.closed_at is not None) == (state == State.CLOSED), case.title
        if state != State.INTAKE and case.case_reports.exists():
            assert case.risk_assessments.exists(), case.title
        if state not in {State.INTAKE, State.ASSESSMENT} and case.case_reports.exists():
            assert case.assessments.exists(), case.title
        if case.decision in {Decision.INVESTIGATE, ""} and state in {State.HEARING, State.FINDINGS}:
            assert allegations and case.hearings.exists(), case.title
        if state in {State.FINDINGS, State.MEASURES, State.CLOSED} and case.decision == Decision.INVESTIGATE:
            assert allegations and all(hasattr(a, "finding") for a in allegations), case.title
        if state == State.HEARING:
            assert not any(hasattr(a, "finding") for a in allegations), case.title
        if state == State.MEASURES:
            assert case.measures.exists(), "a case in Measures has measures"
        if state in {State.INTAKE, State.ASSESSMENT, State.DECISION, State.INVESTIGATION, State.HEARING}:
            assert not case.measures.exists(), case.title
        if state == State.REFERRED:
            assert case.external_body and case.external_body_on, case.title
        if state == State.CLOSED:
            assert case.outcome and case.summary_final_at, case.title
            assert not Report.objects.filter(case_link__case=case).exclude(status=Status.CLOSED).exists()
            assert case.outcome == Outcome.FOUNDED
    destroyed = Case.objects.get(state=State.DESTROYED)
    assert destroyed.destroyed_at and destroyed.closed_at
    months = retention.retention_months(organisation_id=destroyed.organisation_id, outcome=destroyed.outcome)
    assert retention.ends_at(destroyed.closed_at, months) <= destroyed.destroyed_at


def test_no_placeholder_text_anywhere(demo):
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, EncryptedTextField) or (f.concrete and f.get_internal_type() in {"CharField"})
        ]
        if not fields:
            continue
        texts = {f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)}
        for row in model._default_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                text = str(value or "").lower()
                if name not in texts and " " not in text:
                    continue  # codes, hashes, slugs and user names: not prose
                for word in PLACEHOLDERS:
                    assert word not in text, f"{model.__name__}: {value!r}"


def test_every_demo_route_is_one_of_the_table(demo):
    assert set(ROUTES) == set(State.values)


def test_the_demo_reporters_codes_open_their_mailboxes_and_live_only_in_a_private_file(demo, client):
    path = demo / "demo-receipts.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    codes = [line.strip().split("   ")[0] for line in text.splitlines() if line.startswith("    ")]
    assert len(codes) == 2
    mailbox = reverse("reports:mailbox_login", args=["provincie-voorbeeld"])
    assert mailbox in text
    for code in codes:
        digits = code.replace(" ", "")
        report = Report.objects.get(receipt_hash=hash_code(digits))
        assert digits not in str(Report.objects.filter(pk=report.pk).values().get())
        client.post(reverse("reports:mailbox_logout", args=["provincie-voorbeeld"]))
        response = client.post(mailbox, {"code": code}, follow=True)
        assert report.reference in response.content.decode()


def test_a_second_load_keeps_the_file_and_makes_no_new_codes(demo):
    before = (demo / "demo-receipts.txt").read_text()
    users, receipts = load_demo()
    assert receipts == [] and len(users) > 0
    assert (demo / "demo-receipts.txt").read_text() == before
