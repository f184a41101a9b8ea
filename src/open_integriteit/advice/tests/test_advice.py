"""Registering and changing advice requests, the anonymised-summary check, the filters and
the annual-report selector."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from open_integriteit.advice import services
from open_integriteit.advice.demo import DEMO_ADVICE, demo_date, load_demo_advice
from open_integriteit.advice.models import AdviceRequest
from open_integriteit.advice.selectors import advice_summary_for_year
from open_integriteit.advice.topics import ADVICE_TOPICS
from open_integriteit.audit.models import AuditEvent
from open_integriteit.core.anonymity import AnonymityCheck
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.services import list_entry_create, list_entry_set_active

pytestmark = pytest.mark.django_db

VALID = {
    "date": "2025-11-03",
    "received_via": "coordinator",
    "topic": "gifts_invitations",
    "question": "Invented: a supplier offers a dinner with an overnight stay.",
    "advice": "Invented: decline politely.",
    "anonymised_summary": "An employee was offered a dinner with an overnight stay by a supplier; advised to decline.",
}


def topic(org, code):
    return ListEntry.objects.get(organisation=org, kind=ADVICE_TOPICS.code, code=code)


def posted(org, data):
    """Form data with the topic code replaced by the id of the organisation's entry."""
    data = {k: v for k, v in data.items() if v is not None}
    if ListEntry.objects.filter(organisation=org, kind=ADVICE_TOPICS.code, code=data.get("topic")).exists():
        data["topic"] = topic(org, data["topic"]).pk
    return data


def register(client, org, **changes):
    return client.post(reverse("advice:register"), posted(org, {**VALID, **changes}))


def make(org, by, **changes):
    data = {
        "date": dt.date(2025, 11, 3),
        "received_via": "coordinator",
        "topic": "gifts_invitations",
        "question": "Invented question",
        "advice": "Invented advice",
        "anonymised_summary": "Invented summary",
        **changes,
    }
    return services.advice_register(organisation=org, by=by, **(data | {"topic": topic(org, data["topic"])}))


def test_coordinator_registers_an_advice_request(org, personas, client_for):
    response = register(client_for(personas["alice"]), org)
    record = AdviceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("advice:detail", args=[record.pk])
    assert record.registered_by == personas["alice"]
    assert record.question == VALID["question"]
    event = AuditEvent.objects.get(action="advice.registered")
    assert event.details == {"topic": "gifts_invitations", "received_via": "coordinator"}


def test_question_advice_and_summary_are_encrypted_at_rest(org, personas):
    record = make(org, personas["alice"], question="Invented RAWMARKER question")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT question, advice, anonymised_summary FROM advice_advicerequest WHERE id = %s", [record.pk]
        )
        row = cursor.fetchone()
    assert all(value.startswith("oi1:") for value in row)
    assert "RAWMARKER" not in "".join(row)


@pytest.mark.parametrize(
    "summary",
    [
        "The employee (jan.jansen@example.nl) asked about a gift.",
        "Asked by j.jansen [at] example.nl about a gift.",
        "Call back on 06-12345678 about the gift.",
        "Call back on 0612345678 about the gift.",
        "Call back on +31 6 1234 5678 about the gift.",
        "Call back on (010) 123 45 67 about the gift.",
    ],
)
def test_a_summary_with_an_email_address_or_phone_number_is_refused(org, personas, client_for, summary):
    response = register(client_for(personas["alice"]), org, anonymised_summary=summary)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["anonymised_summary"])
    assert "jansen" not in errors and "1234" not in errors and "123 45" not in errors  # never quoted
    assert response.context["form"]["anonymised_summary"].value() == summary  # what was typed stays
    assert not AdviceRequest.objects.exists()


def test_a_summary_naming_a_person_the_organisation_knows_is_refused(org, personas, client_for):
    from open_integriteit.testing.fixtures import make_user

    petra = make_user(org, "petra", "employee")
    petra.first_name, petra.last_name = "Petra", "van den Heuvel"
    petra.save()
    response = register(
        client_for(personas["alice"]), org, anonymised_summary="Mevrouw Van den Heuvel asked about a gift."
    )
    assert "anonymised_summary" in response.context["form"].errors
    assert "Heuvel" not in " ".join(response.context["form"].errors["anonymised_summary"])
    assert not AdviceRequest.objects.exists()
    # The same words as ordinary words, or a name of another organisation, pass.
    assert register(client_for(personas["alice"]), org, anonymised_summary="Asked about a gift.").status_code == 302


@pytest.mark.parametrize(
    "summary",
    [
        "A gift worth € 75 was handed in; in 2024 and 2025 similar gifts were raffled.",
        "Reference M-01234567 was discussed on 12-03-2025 at 14.30.",
    ],
)
def test_amounts_years_and_dates_are_not_mistaken_for_contact_details(summary):
    assert AnonymityCheck().problems(summary) == []


def test_the_service_refuses_contact_details_too(org, personas):
    with pytest.raises(ValidationError) as exc:
        make(org, personas["alice"], anonymised_summary="Mail a.b@example.org")
    assert "anonymised_summary" in exc.value.message_dict
    assert not AdviceRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("date", {"date": None}),
        ("date", {"date": "not a date"}),
        ("date", {"date": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}),
        ("received_via", {"received_via": None}),
        ("received_via", {"received_via": "pigeon"}),
        ("topic", {"topic": None}),
        ("topic", {"topic": "weather"}),
        ("question", {"question": ""}),
        ("advice", {"advice": ""}),
        ("anonymised_summary", {"anonymised_summary": ""}),
        ("anonymised_summary", {"anonymised_summary": "x" * 1001}),
    ],
)
def test_bad_input_gets_a_field_error(org, personas, client_for, field, changes):
    response = register(client_for(personas["alice"]), org, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not AdviceRequest.objects.exists()


def test_coordinator_changes_an_advice_request(org, personas, client_for):
    record = make(org, personas["alice"])
    client = client_for(personas["alice"])
    form = client.get(reverse("advice:edit", args=[record.pk])).context["form"]
    assert form.initial["question"] == "Invented question"
    response = client.post(
        reverse("advice:edit", args=[record.pk]),
        posted(org, {**VALID, "topic": "side_jobs", "advice": "Invented: allowed."}),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.topic.code, record.advice) == ("side_jobs", "Invented: allowed.")
    event = AuditEvent.objects.get(action="advice.changed")
    assert event.details == {"topic": "side_jobs"}
    response = client.post(
        reverse("advice:edit", args=[record.pk]), posted(org, {**VALID, "anonymised_summary": "Call 0612345678"})
    )
    assert "anonymised_summary" in response.context["form"].errors
    record.refresh_from_db()
    assert record.anonymised_summary == VALID["anonymised_summary"]


def test_the_list_filters_on_year_and_topic(org, personas, client_for):
    alice = personas["alice"]
    gift = make(org, alice, date=dt.date(2025, 2, 1))
    side_job = make(org, alice, date=dt.date(2025, 3, 1), topic="side_jobs")
    old = make(org, alice, date=dt.date(2024, 3, 1))
    client = client_for(alice)
    assert list(client.get(reverse("advice:list")).context["records"]) == [side_job, gift, old]
    assert list(client.get(reverse("advice:list"), {"year": 2025}).context["records"]) == [side_job, gift]
    filtered = client.get(reverse("advice:list"), {"year": 2025, "topic": topic(org, "side_jobs").pk})
    assert list(filtered.context["records"]) == [side_job]
    # An unknown filter value does not fail the page.
    assert client.get(reverse("advice:list"), {"topic": "weather"}).status_code == 200


def test_summary_for_the_annual_report_counts_per_topic_and_lists_the_summaries(org, other_org, personas):
    alice = personas["alice"]
    make(org, alice, date=dt.date(2025, 5, 1), anonymised_summary="Second")
    make(org, alice, date=dt.date(2025, 2, 1), anonymised_summary="First")
    make(org, alice, date=dt.date(2025, 6, 1), topic="social_media", anonymised_summary="Third")
    make(org, alice, date=dt.date(2024, 6, 1), anonymised_summary="Last year")
    services.advice_register(
        organisation=other_org,
        by=personas["grace"],
        date=dt.date(2025, 6, 1),
        received_via="hr",
        topic=topic(other_org, "behaviour"),
        question="q",
        advice="a",
        anonymised_summary="Elsewhere",
    )
    summary = advice_summary_for_year(organisation=org, year=2025)
    counts = {c.topic: c.count for c in summary.counts}
    assert counts["gifts_invitations"] == 2 and counts["social_media"] == 1 and counts["behaviour"] == 0
    assert len(counts) == 7 and summary.total == 3
    # A switched-off topic is left out, unless it has requests that year; an own topic counts too.
    list_entry_set_active(entry=topic(org, "behaviour"), by=alice, active=False)
    list_entry_set_active(entry=topic(org, "social_media"), by=alice, active=False)
    own = list_entry_create(organisation=org, kind=ADVICE_TOPICS.code, by=alice, name_nl="Nevenfuncties bestuur")
    counts = {c.topic: c.count for c in advice_summary_for_year(organisation=org, year=2025).counts}
    assert "behaviour" not in counts and counts["social_media"] == 1 and counts[own.code] == 0
    assert [s.summary for s in summary.summaries] == ["First", "Second", "Third"]
    assert not hasattr(summary.summaries[0], "question")


def test_the_demo_advice_loads_once(org, personas):
    load_demo_advice(organisation=org, coordinator=personas["alice"])
    load_demo_advice(organisation=org, coordinator=personas["alice"])
    assert AdviceRequest.objects.count() == len(DEMO_ADVICE)
    today = timezone.localdate()
    assert {r.date for r in AdviceRequest.objects.all()} == {demo_date(row[0], today) for row in DEMO_ADVICE}
    assert all(r.date <= today for r in AdviceRequest.objects.all())
