"""After a report with a unique marker in its text and another in its file is submitted,
neither marker occurs in the raw database (SQLite file + WAL, or a PostgreSQL dump) or
in the file storage."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from open_integriteit.reports.models import Attachment, Report
from open_integriteit.testing.raw_storage import raw_database_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def _file_storage_bytes() -> bytes:
    root = Path(settings.OI_FILE_ROOT)
    return b"".join(p.read_bytes() + p.name.encode() for p in root.rglob("*") if p.is_file())


def test_report_text_and_attachment_are_not_readable_at_rest(client, org):
    text_marker = "TEXTMARKER" + secrets.token_hex(8)
    file_marker = "FILEMARKER" + secrets.token_hex(8)
    name_marker = "NAMEMARKER" + secrets.token_hex(4)
    identity_marker = "IDMARKER" + secrets.token_hex(6)
    pdf = b"%PDF-1.4\n" + file_marker.encode() + b"\n%%EOF\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("reports:public_form", args=[org.slug]),
        {
            "ground": "business_integrity",
            "what_happened": f"Invented event {text_marker}",
            "involved": f"Person {text_marker}",
            "reported_elsewhere": "no",
            "reporter_type": "employee",
            "anonymity": "confidential",
            "name": identity_marker,
            "email": f"{identity_marker.lower()}@example.invalid",
            "attachments": [SimpleUploadedFile(f"{name_marker}.pdf", pdf, content_type="application/pdf")],
        },
        follow=True,  # on to the receipt page (post/redirect/get)
    )
    assert response.status_code == 200
    assert 'data-testid="receipt-code"' in response.content.decode()
    report = Report.objects.get()
    # The application itself still reads everything back.
    assert text_marker in report.what_happened
    attachment = Attachment.objects.get()
    from open_integriteit.encryption import storage

    assert file_marker.encode() in storage.read_decrypted(attachment.stored_name)
    assert attachment.filename == f"{name_marker}.pdf"

    raw_db = raw_database_bytes()
    raw_files = _file_storage_bytes()
    assert report.reference.encode() in raw_db  # the dump is real and complete
    assert len(raw_files) > len(pdf)
    for marker in (text_marker, file_marker, name_marker, identity_marker, identity_marker.lower()):
        assert marker.encode() not in raw_db, f"{marker} found in the raw database"
        assert marker.encode() not in raw_files, f"{marker} found in the file storage"
