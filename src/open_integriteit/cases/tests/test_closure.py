"""Closing and after (ADR 0008): a case closes only when every report had its feedback and,
when investigated, with a final summary; a closed case takes only the protection follow-up,
a retaliation complaint and narrower access; a destroyed case takes nothing; the page offers
no form the services would refuse; destruction removes all content added in any state and
never keeps a summary that was not marked final."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from open_integriteit.cases import retention, services, workflow
from open_integriteit.cases.models import Case, Note, PartyRole, ProtectiveMeasure
from open_integriteit.cases.workflow import State
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Report
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import give_feedback

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 10)
CLEAN = {
    "summary_year": 2025,
    "summary_principal": "Gemeentesecretaris",
    "summary_description": "Een melding over inkoop bij Jansen.",
    "summary_findings": "Niet bevestigd.",
    "summary_consequence": "Geen.",
}


def _close(case: Case, by) -> Case:
    return services.case_transition(case=case, by=by, transition="close")


def test_a_case_does_not_close_before_every_report_had_its_feedback(team, make_case, make_report):
    first, _code = make_report()
    second, _code = make_report()
    case = make_case(state=State.FEEDBACK, reports=[first, second])
    report_services.report_send_message(report=first, by=team["alice"], kind="feedback", body="Invented feedback")

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        _close(case, team["alice"])
    assert excinfo.value.messages == [
        f"Report {second.reference} has had no feedback yet: give the reporter feedback on the report page first."
    ]
    assert Case.objects.get(pk=case.pk).state == State.FEEDBACK
    second.refresh_from_db()
    assert second.status != "closed" and second.feedback_at is None

    give_feedback(case, team["alice"])
    _close(case, team["alice"])
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
    assert set(Report.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"closed"}


def test_an_investigated_case_closes_only_with_a_final_summary_that_still_passes_the_check(team, make_case):
    case = make_case(state=State.DECISION)
    services.case_transition(case=case, by=team["pat"], transition="decide_preliminary")
    services.case_transition(case=case, by=team["pat"], transition="conclude_preliminary")
    services.case_transition(case=case, by=team["pat"], transition="no_measures", reason="Invented")
    with pytest.raises(ValidationError):
        _close(case, team["alice"])
    services.summary_update(case=case, by=team["pat"], **CLEAN)  # a draft
    with pytest.raises(ValidationError):
        _close(case, team["alice"])
    services.summary_finalise(case=case, by=team["pat"])
    # A party added after the summary was final, whose name the summary carries: checked again.
    services.party_add(case=case, by=team["bob"], role=PartyRole.WITNESS, name="Inkoop Jansen")
    with pytest.raises(ValidationError):
        _close(case, team["alice"])
    assert Case.objects.get(pk=case.pk).state == State.FEEDBACK
    services.summary_update(case=case, by=team["pat"], summary_description="Een melding over een aanbesteding.")
    services.summary_finalise(case=case, by=team["pat"])
    _close(case, team["alice"])
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def test_a_case_that_was_not_investigated_closes_without_a_summary(team, make_case):
    case = make_case(state=State.INFORMAL)
    services.case_transition(case=case, by=team["alice"], transition="informal_done")
    assert services.close_problems(case) == []
    _close(case, team["alice"])
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def _writes(case: Case, team) -> dict:
    alice, bob, pat = team["alice"], team["bob"], team["pat"]
    text = CheckedFile("x.txt", "text/plain", b"x")
    return {
        "note": lambda: services.note_add(case=case, by=alice, text="Invented"),
        "lessons": lambda: services.lessons_update(case=case, by=pat, lessons_learned="Invented"),
        "summary": lambda: services.summary_update(case=case, by=pat, **CLEAN),
        "summary_final": lambda: services.summary_finalise(case=case, by=pat),
        "external": lambda: services.external_update(case=case, by=pat, external_bureau="Invented Bureau"),
        "assign": lambda: services.case_assign(case=case, by=alice, user=team["carol"]),
        "party": lambda: services.party_add(case=case, by=bob, role=PartyRole.WITNESS, name="Invented"),
        "risk": lambda: services.risk_assess(case=case, by=bob, level="low"),
        "allegation": lambda: services.allegation_add(case=case, by=pat, description="Invented"),
        "document": lambda: services.document_add(case=case, by=bob, title="Invented", file=text),
        "protection": lambda: services.protective_measure_add(
            case=case, by=pat, description="Invented", started_on=TODAY, follow_up_on=None
        ),
        "retaliation": lambda: services.retaliation_complaint_create(
            original=case, by=alice, title="Invented", description="Invented complaint"
        ),
        "unassign": lambda: services.case_unassign(case=case, by=alice, user=bob),
        "implicate": lambda: services.case_mark_implicated(case=case, by=alice, user=team["dave"]),
    }


AFTER_CLOSURE = {"protection", "retaliation", "unassign", "implicate"}


def test_a_closed_case_takes_only_protection_retaliation_and_narrower_access(team, make_case):
    case = make_case(state=State.CLOSED)
    for record, write in _writes(case, team).items():
        assert workflow.writable(state=State.CLOSED, record=record) == (record in AFTER_CLOSURE), record
        if record in AFTER_CLOSURE:
            write()
        else:
            with pytest.raises(ValidationError):
                write()
    assert not Note.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).lessons_learned == ""


def test_a_destroyed_case_takes_nothing(team, make_case):
    case = make_case(state=State.CLOSED)
    assert retention.case_destroy(case=case)
    case = Case.objects.get(pk=case.pk)
    for record, write in _writes(case, team).items():
        assert not workflow.writable(state=State.DESTROYED, record=record)
        # (Assignments went with the content: handlers are refused before the guard speaks.)
        with pytest.raises((ValidationError, PermissionDenied)):
            write()
    assert not ProtectiveMeasure.objects.filter(case=case).exists()
    assert not Case.objects.filter(retaliation_of=case).exists()


def test_a_stale_page_cannot_write_to_a_case_closed_meanwhile(team, make_case):
    case = make_case(state=State.FEEDBACK)
    stale = Case.objects.get(pk=case.pk)
    _close(case, team["alice"])
    with pytest.raises(ValidationError):
        services.note_add(case=stale, by=team["alice"], text="Invented")


def test_the_closed_case_page_offers_only_what_the_guard_allows(team, make_case, client_for):
    case = make_case(state=State.CLOSED)
    client = client_for(team["alice"])
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    for action in ("note", "lessons", "summary", "external", "assign", "party", "risk", "allegation", "document"):
        assert reverse("cases:action", args=[case.reference, action]) not in page, action
    for action in ("protection", "retaliation", "implicate"):
        assert reverse("cases:action", args=[case.reference, action]) in page, action

    response = client.post(reverse("cases:action", args=[case.reference, "note"]), {"note-text": "Invented"})
    notes = reverse("cases:detail", args=[case.reference]) + "?section=notes#notes"
    assert response.status_code == 302 and response.url == notes
    assert not Note.objects.filter(case=case).exists()
    page = client.get(response.url).content.decode()
    assert "Heropen de zaak" in page  # the guard's message, in Dutch


def test_destruction_removes_content_added_after_closure_and_a_draft_summary(team, make_case, make_report):
    report, _code = make_report()
    case = make_case(state=State.FEEDBACK, reports=[report])
    services.summary_update(case=case, by=team["pat"], **{**CLEAN, "summary_description": "Draft naming Invented"})
    give_feedback(case, team["alice"])
    _close(case, team["alice"])
    measure = services.protective_measure_add(
        case=case, by=team["pat"], description="Invented after closure", started_on=TODAY, follow_up_on=None
    )
    services.protective_measure_update(measure=measure, by=team["pat"], follow_up_on=None, ended_on=TODAY)
    services.case_mark_implicated(case=case, by=team["alice"], user=team["dave"])

    assert retention.case_destroy(case=case)
    case = Case.objects.get(pk=case.pk)
    assert case.summary_final_at is None
    for name in services.SUMMARY_FIELDS:
        assert getattr(case, name) in ("", None), name
    # Every row that points at the case or its report is gone or has no content left.
    for model, owner, pk in ((Case, "case", case.pk), (Report, "report", report.pk)):
        for relation in model._meta.related_objects:
            related = relation.related_model
            if relation.many_to_many or related is model:
                continue
            rows = related._base_manager.filter(**{relation.field.name: pk})
            encrypted = [f.name for f in related._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            for row in rows:
                assert all(getattr(row, name) == "" for name in encrypted), (related.__name__, owner)
    for field in Case._meta.concrete_fields:
        if isinstance(field, EncryptedTextField):
            assert getattr(case, field.name) == "", field.name
