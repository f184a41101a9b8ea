"""One case from report to closure through the staff pages (Django test client)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from open_integriteit.cases.models import Case
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def ok(response):
    assert response.status_code in (200, 302), response.content.decode()[:3000]
    if response.status_code == 302:
        return response
    return response


def test_case_from_report_to_closure(org, personas, client_for, make_report):
    report, _code = make_report(what_happened="Invented: manager bullies the team")
    principal = make_user(org, "pieter", "case_principal")
    alice = client_for(personas["alice"])
    bob_user = personas["bob"]

    response = alice.get(reverse("cases:create") + f"?report={report.reference}")
    assert response.status_code == 200
    response = alice.post(
        reverse("cases:create"), {"title": "Team culture", "ground": "unwanted_behaviour", "reports": [report.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    detail = reverse("cases:detail", args=[case.reference])
    assert alice.get(detail).status_code == 200

    def act(client, action, data, files=None):
        response = client.post(reverse("cases:action", args=[case.reference, action]), data)
        assert response.status_code == 302, (action, response.content.decode()[:4000])
        return response

    act(alice, "assign", {"assign-user": principal.pk})
    act(alice, "assign", {"assign-user": bob_user.pk})
    act(alice, "risk", {"risk-level": "medium", "risk-notes": "Small team"})
    act(alice, "transition", {"transition": "start_assessment", "start_assessment-transition": "start_assessment"})
    act(alice, "assessment", {"assessment-investigable": "yes", "assessment-reasoning": "Concrete facts"})
    act(
        alice,
        "transition",
        {"transition": "submit_for_decision", "submit_for_decision-transition": "submit_for_decision"},
    )
    pieter = client_for(principal)
    act(
        pieter,
        "transition",
        {"transition": "decide_investigate", "decide_investigate-transition": "decide_investigate"},
    )
    act(
        pieter,
        "external",
        {
            "external-investigated_by": "external",
            "external-external_bureau": "Bureau Voorbeeld",
            "external-external_costs": "1250.00",
        },
    )
    bob = client_for(bob_user)
    act(bob, "party", {"party-role": "subject", "party-name": "Invented Manager", "party-function": "Team lead"})
    act(bob, "allegation", {"allegation-description": "Shouting at staff"})
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 invented report")
    response = bob.post(
        reverse("cases:action", args=[case.reference, "document"]), {"document-title": "Verslag", "document-file": pdf}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    act(bob, "transition", {"transition": "start_hearing", "start_hearing-transition": "start_hearing"})
    party = case.parties.get(role="subject")
    document = case.documents.get()
    act(
        bob,
        "hearing",
        {
            "hearing-party": party.pk,
            "hearing-held_on": "2026-10-01",
            "hearing-heard_by": "Investigator B",
            "hearing-summary": "Heard",
            "hearing-reaction": "Denies",
            "hearing-documents": [document.pk],
        },
    )
    act(bob, "transition", {"transition": "complete_hearing", "complete_hearing-transition": "complete_hearing"})
    allegation = case.allegations.get()
    act(
        bob,
        "finding",
        {
            "allegation_id": allegation.pk,
            f"finding-{allegation.pk}-allegation": allegation.pk,
            f"finding-{allegation.pk}-outcome": "founded",
            f"finding-{allegation.pk}-explanation": "Witnesses",
        },
    )
    act(pieter, "transition", {"transition": "decide_measures", "decide_measures-transition": "decide_measures"})
    act(
        pieter,
        "measure",
        {"measure-kind": "coaching", "measure-decided_on": "2026-10-15", "measure-description": "Coaching"},
    )
    act(pieter, "measure", {"measure-kind": "team_programme", "measure-decided_on": "2026-10-15"})
    act(
        pieter,
        "protection",
        {
            "protection-description": "Reporter moved desk",
            "protection-started_on": "2026-10-01",
            "protection-follow_up_on": "2027-01-01",
        },
    )
    act(pieter, "transition", {"transition": "measures_taken", "measures_taken-transition": "measures_taken"})
    act(pieter, "lessons", {"lessons-lessons_learned": "Earlier intervention"})
    summary = {
        "summary-summary_year": "2026",
        "summary-summary_principal": "Provinciesecretaris",
        "summary-summary_description": "Melding over de omgangsvormen in een team",
        "summary-summary_object": "Gedrag van een leidinggevende",
        "summary-summary_findings": "Gegrond",
        "summary-summary_consequence": "Coaching en teamtraject",
        "summary-summary_bureau": "Bureau Voorbeeld",
    }
    act(pieter, "summary", {**summary, "summary-summary_description": "Melding over Invented Manager"})
    response = pieter.post(reverse("cases:action", args=[case.reference, "summary_final"]))
    assert response.status_code == 400
    act(pieter, "summary", summary)
    act(pieter, "summary_final", {})
    act(alice, "note", {"note-text": "Feedback given by phone"})
    # The reporter has had no feedback yet: the page says so, and the close is refused.
    page = alice.get(detail).content.decode()
    assert f"Melding {report.reference} heeft nog geen terugkoppeling gehad" in page
    response = alice.post(
        reverse("cases:action", args=[case.reference, "transition"]),
        {"transition": "close", "close-transition": "close"},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == "feedback"
    response = alice.post(
        reverse("reports:staff_action", args=[report.reference, "message"]),
        {"msg-kind": "feedback", "msg-body": "Invented feedback: measures have been taken."},
    )
    assert response.status_code == 302
    act(alice, "transition", {"transition": "close", "close-transition": "close"})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "founded" and case.summary_final_at is not None
    page = alice.get(detail).content.decode()
    assert re.search(r'data-testid="case-state">[^<]+<', page)
    for url in (
        reverse("cases:list"),
        reverse("cases:hand_over"),
        reverse("retention:overview"),
        reverse("retention:periods"),
        reverse("cases:document", args=[document.pk]),
    ):
        assert alice.get(url).status_code == 200
