"""Staff intake: registering oral reports with minutes, classification, disclosure, messages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.lists.models import ListEntry
from open_integriteit.lists.selectors import entries
from open_integriteit.reports import services
from open_integriteit.reports.models import IdentityDisclosure, Minutes, Report
from open_integriteit.reports.typology import CATEGORIES

pytestmark = pytest.mark.django_db


def register(client, **changes):
    data = {
        "channel": "phone",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "ground": "unwanted_behaviour",
        "what_happened": "Invented: shouting in meetings",
        "reported_elsewhere": "no",
        "reporter_type": "employee",
        "anonymity": "confidential",
        "name": "Invented Reporter",
        "email": "reporter@example.invalid",
        "minutes_text": "Invented minutes of the phone call",
        **changes,
    }
    return client.post(reverse("reports:staff_register"), data)


def test_oral_report_needs_minutes(personas, client_for):
    response = register(client_for(personas["alice"]), minutes_text="")
    assert "minutes_text" in response.context["form"].errors
    assert Report.objects.count() == 0


def test_registered_phone_report_minutes_are_approved_by_the_reporter(org, personas, client_for):
    alice = client_for(personas["alice"])
    response = register(alice)
    assert response.status_code == 302  # on to the page that shows the receipt code once
    code = alice.get(response["Location"]).context["code"]
    report = Report.objects.get()
    assert report.channel == "phone" and report.registered_by == personas["alice"]
    assert report.minutes.status == "offered"

    reporter = Client()
    reporter.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code})
    page = reporter.get(reverse("reports:mailbox", args=[org.slug])).content.decode()
    assert "Invented minutes of the phone call" in page
    response = reporter.post(reverse("reports:mailbox", args=[org.slug]), {"action": "minutes", "decision": "correct"})
    assert "comment" in response.context["minutes_form"].errors
    reporter.post(
        reverse("reports:mailbox", args=[org.slug]),
        {"action": "minutes", "decision": "correct", "comment": "It was Tuesday"},
    )
    assert Minutes.objects.get().status == "correction_requested"
    services.minutes_revise(report=report, by=personas["alice"], text="Corrected minutes: Tuesday")
    reporter.post(reverse("reports:mailbox", args=[org.slug]), {"action": "minutes", "decision": "approve"})
    minutes = Minutes.objects.get()
    assert (minutes.status, minutes.version, minutes.approved_via) == ("approved", 2, "mailbox")
    assert AuditEvent.objects.filter(action="minutes.approved", object_id=str(report.pk), channel="reporter").exists()


def test_approval_given_on_paper_is_recorded(personas, client_for):
    client = client_for(personas["alice"])
    register(client)
    report = Report.objects.get()
    response = client.post(
        reverse("reports:staff_action", args=[report.reference, "minutes_approval"]), {"approval-via": "signed"}
    )
    assert response.status_code == 302
    assert Minutes.objects.get().approved_via == "signed"


def test_adviser_who_registers_keeps_access(personas, client_for):
    carol = client_for(personas["carol"])
    register(carol, channel="via_adviser", minutes_text="")
    report = Report.objects.get()
    assert carol.get(reverse("reports:staff_report", args=[report.reference])).status_code == 200


def test_identity_is_shown_only_with_a_reason_and_is_logged(personas, client_for):
    client = client_for(personas["alice"])
    register(client)
    report = Report.objects.get()
    page = client.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert "Invented Reporter" not in page
    url = reverse("reports:staff_action", args=[report.reference, "disclose"])
    response = client.post(url, {"disclose-reason": ""})
    assert response.status_code == 400 and "Invented Reporter" not in response.content.decode()
    response = client.post(
        reverse("reports:staff_action", args=[report.reference, "disclose"]), {"disclose-reason": "Need to call back"}
    )
    assert response.status_code == 302 and "Invented Reporter" not in response.content.decode()
    assert "Invented Reporter" in client.get(response["Location"]).content.decode()
    disclosure = IdentityDisclosure.objects.get()
    assert disclosure.reason == "Need to call back" and disclosure.user == personas["alice"]
    event = AuditEvent.objects.get(action="reporter_identity.disclosed")
    assert event.actor_id == personas["alice"].pk and event.details == {"disclosure_id": disclosure.pk}
    assert "Need to call back" not in str(event.details)


def test_every_staff_read_of_a_report_is_audited(personas, client_for, make_report):
    report, _code = make_report()
    client = client_for(personas["alice"])
    for _ in range(2):
        client.get(reverse("reports:staff_report", args=[report.reference]))
    events = AuditEvent.objects.filter(action="report.viewed", object_id=str(report.pk), actor_id=personas["alice"].pk)
    assert events.count() == 2
    assert all(e.ip_address == "127.0.0.1" for e in events)


def category(organisation, code):
    return ListEntry.objects.get(organisation=organisation, kind=CATEGORIES.code, code=code)


def test_classification_uses_the_organisations_typology(org, other_org, personas, make_report):
    from django.core.exceptions import ValidationError

    report, _code = make_report()
    categories = entries(organisation=org, kind=CATEGORIES.code)
    assert categories.filter(group="bios", active=True).count() == 9
    assert categories.filter(group="central_government").exists()
    bios = category(org, "corruptie")
    services.report_classify(report=report, by=personas["alice"], ground="business_integrity", category=bios)
    assert Report.objects.get().category == bios
    foreign = category(other_org, "corruptie")
    with pytest.raises(ValidationError):
        services.report_classify(report=report, by=personas["alice"], ground="business_integrity", category=foreign)
    topic = ListEntry.objects.filter(organisation=org, kind="consultations.topic").first()
    with pytest.raises(ValidationError):
        services.report_classify(report=report, by=personas["alice"], ground="business_integrity", category=topic)


def test_confidential_reporter_gets_news_mail_without_content(
    personas, make_report, django_capture_on_commit_callbacks
):
    report, _code = make_report(anonymity="confidential", identity={"email": "me@example.invalid"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_acknowledge(report=report, by=personas["alice"], body="Secret acknowledgement text")
    # The worker runs synchronously in tests (django-q2 sync mode), after commit.
    assert [m.to for m in mail.outbox] == [["me@example.invalid"]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "Secret acknowledgement" not in body and "Invented" not in body and report.reference not in body


def test_anonymous_reporter_gets_no_mail(personas, make_report, django_capture_on_commit_callbacks):
    report, _code = make_report()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_acknowledge(report=report, by=personas["alice"], body="Hello")
    assert mail.outbox == []


def test_reporter_reply_notifies_handlers_without_content(
    org, personas, make_report, django_capture_on_commit_callbacks
):
    report, _code = make_report()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_reply_from_reporter(report=report, body="Secret reply text")
    assert mail.outbox and all("Secret reply" not in m.body for m in mail.outbox)


def test_coordinator_configures_the_typology(org, personas, client_for, make_report):
    client = client_for(personas["alice"])
    url = reverse("reports:typology")
    response = client.post(
        url, {"action": "add", "name_nl": "Belangenverstrengeling", "name_en": "Conflict of interest"}
    )
    assert response.status_code == 302
    custom = ListEntry.objects.get(organisation=org, kind=CATEGORIES.code, group="custom")
    giften = category(org, "giften")
    client.post(url, {"action": "deactivate", "entry": giften.pk})
    giften.refresh_from_db()
    assert giften.active is False
    report, _code = make_report()
    page = client.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert "Belangenverstrengeling" in page and "Giften" not in page.split('id="classify-heading"')[1]
    assert AuditEvent.objects.filter(action="list_entry.created", object_id=str(custom.pk)).exists()


def test_typology_is_not_for_other_roles_or_organisations(org, other_org, personas, client_for):
    for who in ["bob", "carol", "frank", "mila"]:
        assert client_for(personas[who]).get(reverse("reports:typology")).status_code == 404
    page = client_for(personas["grace"]).get(reverse("reports:typology")).content.decode()
    foreign = category(org, "giften")
    client_for(personas["grace"]).post(reverse("reports:typology"), {"action": "deactivate", "entry": foreign.pk})
    foreign.refresh_from_db()
    assert foreign.active is True and page
