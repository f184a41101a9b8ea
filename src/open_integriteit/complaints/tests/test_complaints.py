"""Complaints and incidents: kept by the coordinator (alice) only, counted in the year of
their dates; a complaint that became a case is linked to a case alice may see and counted
once (``complaints.complaints_linked`` says how many)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from open_integriteit.cases import services as case_services
from open_integriteit.cases.models import Case
from open_integriteit.complaints import services, statistics
from open_integriteit.complaints.models import Complaint
from open_integriteit.figures import registry

pytestmark = pytest.mark.django_db


def new_case(org: Any, by: Any) -> Case:
    return case_services.case_create(
        organisation=org, by=by, title="Invented", ground="business_integrity", signal="Invented signal."
    )


def complain(org: Any, by: Any, on: dt.date, kind: str, **kwargs: Any) -> Complaint:
    return services.complaint_record(organisation=org, by=by, received_on=on, kind=kind, **kwargs)


def figure(org: Any, year: int, key: str) -> registry.Figure:
    return registry.year_figures(organisation=org, year=year, keys=[key])[key]


def rows(fig: registry.Figure) -> dict[str, Any]:
    return {row.key: row.value for row in fig.breakdown}


def test_complaints_count_by_received_date_external_per_committee_and_linked_once(org, personas):
    alice = personas["alice"]
    case = new_case(org, alice)
    complain(org, alice, dt.date(2024, 12, 31), "bullying")  # 2024
    complain(org, alice, dt.date(2025, 1, 1), "bullying", external=True, committee="LKOG")
    complain(org, alice, dt.date(2025, 5, 1), "sexual_harassment", external=True, committee="LKOG")
    complain(org, alice, dt.date(2025, 6, 1), "integrity", external=True, committee="Regionale klachtencommissie")
    complain(org, alice, dt.date(2025, 12, 31), "integrity", case=case)

    complaints = figure(org, 2025, "complaints.complaints")
    assert (complaints.total, rows(complaints)) == (4, {"sexual_harassment": 1, "bullying": 1, "integrity": 2})
    external = figure(org, 2025, "complaints.complaints_external")
    assert (external.total, rows(external)) == (3, {"lkog": 2, "regionale-klachtencommissie": 1})
    linked = figure(org, 2025, "complaints.complaints_linked")
    assert (linked.total, rows(linked)) == (1, {"integrity": 1})
    assert figure(org, 2024, "complaints.complaints").total == 1
    assert figure(org, 2024, "complaints.complaints_linked").total is None


def test_outcomes_count_by_decision_date(org, personas):
    alice = personas["alice"]
    complain(org, alice, dt.date(2024, 11, 1), "bullying", outcome="founded", decided_on=dt.date(2024, 12, 31))
    complain(org, alice, dt.date(2024, 12, 1), "bullying", outcome="unfounded", decided_on=dt.date(2025, 1, 1))
    complain(org, alice, dt.date(2025, 2, 1), "aggression", outcome="settled", decided_on=dt.date(2025, 12, 31))
    complain(org, alice, dt.date(2025, 3, 1), "aggression")  # pending: no outcome counted

    outcomes = figure(org, 2025, "complaints.complaint_outcomes")
    assert (outcomes.total, rows(outcomes)) == (2, {"unfounded": 1, "settled": 1})
    assert rows(figure(org, 2024, "complaints.complaint_outcomes")) == {"founded": 1}


def test_incidents_and_their_actions_count_by_incident_date(org, personas):
    alice = personas["alice"]

    def incident(on: dt.date, kind: str, action: str) -> None:
        services.incident_record(
            organisation=org, by=alice, date=on, kind=kind, description="Invented", action=action, action_text=""
        )

    incident(dt.date(2024, 12, 31), "loss_or_theft", "reported")
    incident(dt.date(2025, 1, 1), "loss_or_theft", "reported")
    incident(dt.date(2025, 7, 1), "data_breach", "process")
    incident(dt.date(2025, 12, 31), "misuse", "conversation")

    incidents = figure(org, 2025, "complaints.incidents")
    assert (incidents.total, rows(incidents)) == (3, {"loss_or_theft": 1, "data_breach": 1, "misuse": 1})
    actions = figure(org, 2025, "complaints.incident_actions")
    assert (actions.total, rows(actions)) == (3, {"conversation": 1, "reported": 1, "process": 1})
    assert figure(org, 2024, "complaints.incidents").total == 1


def test_a_complaint_is_linked_only_to_a_case_the_coordinator_sees(org, other_org, personas):
    alice, grace = personas["alice"], personas["grace"]
    theirs = new_case(other_org, grace)
    with pytest.raises(ValidationError) as refused:
        complain(org, alice, dt.date(2025, 1, 1), "bullying", case=theirs)
    assert "case" in refused.value.message_dict
    assert not Complaint.objects.exists()


def test_a_changed_case_id_in_the_post_is_refused(org, other_org, personas, client_for):
    alice, grace = personas["alice"], personas["grace"]
    ours, theirs = new_case(org, alice), new_case(other_org, grace)
    client = client_for(alice)
    data = {"received_on": "2025-01-02", "kind": "bullying", "outcome": "pending"}
    page = client.get(reverse("complaints:complaint_new")).content.decode()
    assert ours.reference in page and theirs.reference not in page
    response = client.post(reverse("complaints:complaint_new"), {**data, "case": theirs.pk})
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    response = client.post(reverse("complaints:complaint_new"), {**data, "case": ours.pk})
    assert response.status_code == 302
    assert Complaint.objects.get().case == ours


def test_a_destroyed_case_still_counts_the_complaint_as_linked(org, personas):
    alice = personas["alice"]
    case = new_case(org, alice)
    complaint = complain(org, alice, dt.date(2025, 1, 1), "bullying", case=case)
    Complaint.objects.filter(pk=complaint.pk).update(case=None)  # as SET_NULL does when the case row goes
    complaint.refresh_from_db()
    services.complaint_update(complaint=complaint, by=alice, received_on=dt.date(2025, 1, 1), kind="aggression")
    assert figure(org, 2025, "complaints.complaints_linked").total == 1


def test_outcome_and_decision_date_fit_together(org, personas):
    alice = personas["alice"]
    with pytest.raises(ValidationError) as no_date:
        complain(org, alice, dt.date(2025, 1, 1), "bullying", outcome="founded")
    assert "decided_on" in no_date.value.message_dict
    with pytest.raises(ValidationError) as early:
        complain(org, alice, dt.date(2025, 3, 1), "bullying", outcome="founded", decided_on=dt.date(2025, 2, 1))
    assert "decided_on" in early.value.message_dict
    with pytest.raises(ValidationError) as no_committee:
        complain(org, alice, dt.date(2025, 1, 1), "bullying", external=True)
    assert "committee" in no_committee.value.message_dict


@pytest.mark.parametrize("persona", ["bob", "carol", "dave", "erin", "frank", "mila"])
def test_only_the_coordinator_keeps_complaints(org, personas, persona, client_for):
    with pytest.raises(PermissionDenied):
        complain(org, personas[persona], dt.date(2025, 1, 1), "bullying")
    assert client_for(personas[persona]).get(reverse("complaints:overview")).status_code == 404


def test_free_text_is_encrypted_at_rest(org, personas):
    alice = personas["alice"]
    complaint = complain(org, alice, dt.date(2025, 1, 1), "bullying", description="Invented Person was bullied")
    incident = services.incident_record(
        organisation=org,
        by=alice,
        date=dt.date(2025, 1, 1),
        kind="misuse",
        description="Invented Person used the car",
        action="conversation",
        action_text="Invented talk",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM complaints_complaint WHERE id = %s", [complaint.pk])
        (description,) = cursor.fetchone()
        cursor.execute("SELECT description, action_text FROM complaints_incident WHERE id = %s", [incident.pk])
        texts = cursor.fetchone()
    assert all(value.startswith("oi1:") and "Invented" not in value for value in (description, *texts))


def test_figures_take_a_constant_number_of_queries(org, personas, django_assert_max_num_queries):
    alice = personas["alice"]
    for day in range(1, 15):
        complain(org, alice, dt.date(2025, 1, day), "bullying", external=True, committee=f"Committee {day}")
    with django_assert_max_num_queries(3):
        statistics.figures(organisation=org, year=2025)


def test_opening_a_complaint_or_incident_is_audited_and_saving_is_not_counted_as_opening(org, personas, client_for):
    from open_integriteit.audit.models import AuditEvent

    alice = personas["alice"]
    complaint = complain(org, alice, dt.date(2025, 1, 1), "bullying", description="Invented text")
    incident = services.incident_record(
        organisation=org, by=alice, date=dt.date(2025, 1, 1), kind="misuse", description="Invented", action="none"
    )
    client = client_for(alice)
    assert client.get(reverse("complaints:complaint_edit", args=[complaint.pk])).status_code == 200
    assert client.get(reverse("complaints:incident_edit", args=[incident.pk])).status_code == 200
    opened = AuditEvent.objects.filter(action__endswith="_viewed", action__startswith="complaints.")
    assert sorted(opened.values_list("action", flat=True)) == [
        "complaints.complaint_viewed",
        "complaints.incident_viewed",
    ]
    assert {event.actor_id for event in opened} == {alice.pk}
