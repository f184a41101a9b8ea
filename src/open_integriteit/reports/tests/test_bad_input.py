"""Bad input: a clear message per invalid field, nothing typed is lost, files are refused
clearly, and a database failure in the middle of a submission leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.reports.models import Attachment, Message, Report, ReporterIdentity

pytestmark = pytest.mark.django_db

VALID = {
    "ground": "misstand",
    "what_happened": "Invented: something went wrong",
    "when_where": "Tuesday, town hall",
    "involved": "Invented person",
    "how_known": "Saw it",
    "reported_elsewhere": "no",
    "reporter_type": "employee",
    "anonymity": "anonymous",
}


def post(client, org, language="nl", **changes):
    data = {**VALID, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("reports:public_form", args=[org.slug]), data, HTTP_ACCEPT_LANGUAGE=language)


def errors_of(response) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("ground", {"ground": None}),
        ("ground", {"ground": "nonsense"}),
        ("what_happened", {"what_happened": ""}),
        ("reporter_type", {"reporter_type": None}),
        ("anonymity", {"anonymity": None}),
        ("reported_elsewhere_detail", {"reported_elsewhere": "yes"}),
        ("email", {"anonymity": "confidential", "email": "not-an-address"}),
        ("name", {"anonymity": "confidential"}),
        ("name", {"anonymity": "anonymous", "name": "Invented Name"}),
        ("what_happened", {"what_happened": "x" * 20001}),
    ],
)
def test_every_invalid_field_gets_a_dutch_message_and_input_is_kept(client, org, field, changes):
    response = post(client, org, **changes)
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors, errors
    page = response.content.decode()
    # The message is shown next to the field and in the summary, and the field is marked invalid.
    assert f'id="id_{field}_error"' in page
    assert 'role="alert"' in page
    # The message is in Dutch (the default language), not the English source text.
    english = errors_of(post(client, org, language="en", **changes))[field]
    assert errors[field] != english, f"{field}: message not translated: {errors[field]}"
    # Everything typed is still there.
    for name in ("when_where", "involved", "how_known"):
        assert VALID[name] in page
    if field != "what_happened":
        assert VALID["what_happened"] in page
    assert Report.objects.count() == 0


def test_files_must_be_chosen_again_after_a_validation_error_and_the_page_says_so(client, org):
    upload = SimpleUploadedFile("ok.pdf", b"%PDF-1.4 invented", content_type="application/pdf")
    response = client.post(
        reverse("reports:public_form", args=[org.slug]), {**VALID, "what_happened": "", "attachments": [upload]}
    )
    assert response.status_code == 200
    assert response.context["files_lost"] is True
    assert 'class="utrecht-alert utrecht-alert--warning" role="alert"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf at all", "content"),
        ("script.exe", b"MZ\x90\x00", "content"),
        ("photo.png", b"%PDF-1.4 a pdf pretending to be png", "content"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_forbidden_files_are_refused_by_content_with_a_clear_message(client, org, name, content, problem):
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("reports:public_form", args=[org.slug]), {**VALID, "attachments": [upload]})
    assert response.status_code == 200
    errors = errors_of(response)["attachments"]
    assert any(name in e for e in errors), errors
    assert Report.objects.count() == 0
    assert VALID["what_happened"] in response.content.decode()


def test_oversized_and_too_many_files_are_refused(client, org, settings):
    settings.OI_MAX_ATTACHMENT_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 10))
    response = client.post(reverse("reports:public_form", args=[org.slug]), {**VALID, "attachments": [big]})
    assert "big.pdf" in errors_of(response)["attachments"][0]
    settings.OI_MAX_ATTACHMENTS = 2
    many = [SimpleUploadedFile(f"f{i}.txt", b"invented") for i in range(3)]
    response = client.post(reverse("reports:public_form", args=[org.slug]), {**VALID, "attachments": many})
    assert "attachments" in errors_of(response)
    assert Report.objects.count() == 0


def test_accepted_file_types_are_stored(client, org):
    import io
    import zipfile

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    files = [
        SimpleUploadedFile("a.pdf", b"%PDF-1.7 invented"),
        SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n invented"),
        SimpleUploadedFile("c.docx", docx.getvalue()),
        SimpleUploadedFile("d.txt", "Invented tekst met é".encode()),
    ]
    response = client.post(
        reverse("reports:public_form", args=[org.slug]), {**VALID, "attachments": files}, follow=True
    )
    assert 'data-testid="receipt-code"' in response.content.decode()
    assert sorted(Attachment.objects.values_list("content_type", flat=True)) == sorted(
        [
            "application/pdf",
            "image/png",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain",
        ]
    )


def _install_failing_audit_trigger() -> None:
    """A real database failure after the report and its files are written: the audit insert fails."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;"
            )
        else:
            cursor.execute(
                "CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'disk I/O error (simulated)'; END; $$ LANGUAGE plpgsql;"
            )
            cursor.execute(
                "CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_auditevent "
                "FOR EACH ROW EXECUTE FUNCTION test_fail_audit();"
            )


def test_database_failure_during_submission_shows_error_page_and_leaves_nothing(client, org):
    events_before = AuditEvent.objects.count()
    _install_failing_audit_trigger()
    upload = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 invented evidence")
    response = client.post(
        reverse("reports:public_form", args=[org.slug]),
        {**VALID, "anonymity": "confidential", "name": "Invented", "attachments": [upload]},
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert 'role="alert"' in page
    assert Report.objects.count() == 0
    assert ReporterIdentity.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert Message.objects.count() == 0
    assert AuditEvent.objects.count() == events_before
    root = Path(settings.OI_FILE_ROOT)
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*")), "an orphan file was left behind"
