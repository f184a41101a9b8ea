"""The register of rules and codes: alice (coordinator) and rita (register clerk) keep it;
the PDF is checked like every upload and stored encrypted; a new version replaces the old
one, which then reads "vervangen door …"; the public page lists the current public
versions with their PDF; everyone else gets 404 on the staff pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django_q.models import Schedule

from open_integriteit.accounts.models import Role, User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.encryption import storage
from open_integriteit.regulations import services
from open_integriteit.regulations.models import Regulation
from open_integriteit.regulations.reminders import send_review_reminders
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import make_user

from .files import HTML_AS_PDF, PDF, pdf_upload

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "staff_code",
    "title": "Gedragscode medewerkers 2024",
    "audience": "Alle medewerkers",
    "adopted_by": "executive",
    "adopted_on": "2024-03-12",
    "decision_reference": "GS-2024-77",
    "public": "on",
}


@pytest.fixture
def rita(org: Any) -> User:
    return make_user(org, "rita", Role.REGISTER_CLERK)


def add(org: Any, by: User, **overrides: Any) -> Regulation:
    data: dict[str, Any] = {
        "kind": "staff_code",
        "title": "Gedragscode",
        "audience": "",
        "adopted_by": "executive",
        "adopted_on": dt.date(2020, 6, 1),
        "decision_reference": "",
        "public": True,
        "document": CheckedFile("code.pdf", "application/pdf", PDF),
        **overrides,
    }
    return services.regulation_add(organisation=org, by=by, **data)


def test_alice_uploads_a_code_that_is_stored_encrypted_and_published(
    org: Any, personas: dict[str, User], client_for: Any
) -> None:
    alice = client_for(personas["alice"])
    response = alice.post(reverse("regulations:new"), {**FORM, "document": pdf_upload()})
    regulation = Regulation.objects.get()
    assert response["Location"] == reverse("regulations:detail", args=[regulation.pk])
    assert storage.backend().read(regulation.stored_name) != PDF  # ciphertext at rest
    assert PDF not in storage.backend().read(regulation.stored_name)
    assert AuditEvent.objects.filter(action="regulations.added", actor_id=personas["alice"].pk).exists()

    page = Client().get(reverse("regulations:public_list", args=[org.slug])).content.decode()
    assert "Gedragscode medewerkers 2024" in page and "GS-2024-77" in page
    download = Client().get(reverse("regulations:public_document", args=[org.slug, regulation.pk]))
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert "<script" not in page and "https://" not in re.sub(r'href="https?://testserver', "", page)


def test_the_public_index_links_to_the_rules_and_codes(org: Any) -> None:
    page = Client().get(reverse("declarations:public_index", args=[org.slug])).content.decode()
    assert reverse("regulations:public_list", args=[org.slug]) in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("gedragscode.pdf", HTML_AS_PDF, "is niet toegestaan"),
        ("logo.png", bytes.fromhex("89504e470d0a1a0a0000000d49484452"), "als pdf-bestand"),
    ],
)
def test_html_disguised_as_pdf_and_other_files_are_refused(
    personas: dict[str, User], client_for: Any, name: str, data: bytes, message: str
) -> None:
    response = client_for(personas["alice"]).post(
        reverse("regulations:new"), {**FORM, "document": pdf_upload(name, data)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Regulation.objects.exists()


@override_settings(OI_MAX_ATTACHMENT_MB=0)
def test_a_document_above_the_size_limit_is_refused(personas: dict[str, User], client_for: Any) -> None:
    response = client_for(personas["alice"]).post(reverse("regulations:new"), {**FORM, "document": pdf_upload()})
    assert "te groot" in response.content.decode()
    assert not Regulation.objects.exists()


def test_a_new_version_replaces_the_old_one_once(
    org: Any, personas: dict[str, User], rita: User, client_for: Any
) -> None:
    old = add(org, rita, title="Gedragscode 2020")
    response = client_for(rita).post(
        reverse("regulations:new"), {**FORM, "title": "Gedragscode 2024", "replaces": old.pk, "document": pdf_upload()}
    )
    assert response.status_code == 302
    new = Regulation.objects.get(replaces=old)
    detail = client_for(rita).get(reverse("regulations:detail", args=[old.pk])).content.decode()
    assert "vervangen door Gedragscode 2024" in detail
    public = Client().get(reverse("regulations:public_list", args=[org.slug])).content.decode()
    assert "Gedragscode 2024" in public and "Gedragscode 2020" not in public
    assert Client().get(reverse("regulations:public_document", args=[org.slug, old.pk])).status_code == 404
    with pytest.raises(ValidationError):
        add(org, rita, title="Another", replaces=old, adopted_on=dt.date(2024, 5, 1))
    assert list(Regulation.objects.filter(replaces=old)) == [new]


def test_a_document_not_marked_public_is_not_on_the_public_page(org: Any, personas: dict[str, User]) -> None:
    hidden = add(org, personas["alice"], title="Intern onderzoeksprotocol", public=False)
    page = Client().get(reverse("regulations:public_list", args=[org.slug])).content.decode()
    assert "Intern onderzoeksprotocol" not in page
    assert Client().get(reverse("regulations:public_document", args=[org.slug, hidden.pk])).status_code == 404


def test_only_the_coordinator_and_register_clerk_open_the_register(
    org: Any, personas: dict[str, User], rita: User, client_for: Any
) -> None:
    regulation = add(org, rita)
    for name in ("bob", "carol", "dave", "erin", "frank", "mila", "grace"):
        client = client_for(personas[name])
        assert client.get(reverse("regulations:list")).status_code == (200 if name == "grace" else 404), name
        assert client.get(reverse("regulations:detail", args=[regulation.pk])).status_code == 404, name
        assert client.get(reverse("regulations:document", args=[regulation.pk])).status_code == 404, name
    assert client_for(personas["alice"]).get(reverse("regulations:document", args=[regulation.pk])).content == PDF
    with pytest.raises(PermissionDenied):
        add(org, personas["dave"])


def test_review_due_is_shown_and_mailed_once_to_coordinator_and_clerk(
    org: Any, personas: dict[str, User], rita: User, client_for: Any, run_job: Any
) -> None:
    add(org, rita, adopted_on=dt.date(2021, 3, 1))
    with time_machine.travel(dt.datetime(2025, 2, 28, 8, tzinfo=dt.UTC), tick=False):
        run_job(send_review_reminders)
        assert mail.outbox == []
        assert "herziening nodig" not in client_for(rita).get(reverse("regulations:list")).content.decode()
    with time_machine.travel(dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC), tick=False):
        run_job(send_review_reminders)
        run_job(send_review_reminders)
        assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.invalid", "rita@example.invalid"]
        assert "Gedragscode" not in mail.outbox[0].body  # the mail names no rule
        assert "herziening nodig" in client_for(rita).get(reverse("regulations:list")).content.decode()
    assert Schedule.objects.filter(func="open_integriteit.regulations.tasks.send_regulation_review_reminders").exists()


def test_the_review_period_is_per_organisation(org: Any, personas: dict[str, User], client_for: Any) -> None:
    add(org, personas["alice"], adopted_on=dt.date(2021, 3, 1))
    response = client_for(personas["alice"]).post(reverse("regulations:settings"), {"review_years": "5"})
    assert response.status_code == 302
    with time_machine.travel(dt.datetime(2025, 6, 1, 8, tzinfo=dt.UTC), tick=False):
        assert send_review_reminders() == 0
    with time_machine.travel(dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC), tick=False):
        assert send_review_reminders() == 1  # alice; grace's organisation is another


def test_a_replaced_version_is_not_due_for_review(org: Any, personas: dict[str, User], run_job: Any) -> None:
    old = add(org, personas["alice"], adopted_on=dt.date(2015, 1, 1))
    add(org, personas["alice"], adopted_on=dt.date(2024, 1, 1), replaces=old)
    with time_machine.travel(dt.datetime(2025, 6, 1, 8, tzinfo=dt.UTC), tick=False):
        assert run_job(send_review_reminders) == 0
    assert mail.outbox == []


def test_a_rule_adopted_in_the_future_is_refused_and_a_non_public_one_stays_out_of_the_annual_report(
    org: Any, personas: dict[str, User]
) -> None:
    """Found in the review: a date in 2999 was saved, and a rule not marked public reached the
    published annual report's table of rules in force."""
    from django.core.exceptions import ValidationError

    from open_integriteit.annual_reports import document
    from open_integriteit.annual_reports import services as report_services

    alice = personas["alice"]
    with pytest.raises(ValidationError) as refused:
        add(org, alice, adopted_on=dt.date(2999, 5, 5))
    assert "adopted_on" in refused.value.message_dict
    add(org, alice, title="Invented public code")
    add(org, alice, kind="investigation_protocol", title="Invented internal protocol", public=False)
    report = report_services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    (framework,) = [s for s in document.build(report).sections if s.key == "framework"]
    titles = [row[0] for row in framework.tables[0].rows]
    assert titles == ["Invented public code"]
