"""A certificate of conduct (VOG) is criminal-record data: only whether it was received, when,
and its screening profile may be kept, never a copy or remarks about its content (issue 9)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.encryption.fields import EncryptedTextField
from open_integriteit.onboarding.models import CertificateOfConduct
from open_integriteit.testing.fixtures import login

pytestmark = pytest.mark.django_db

SHORT = 40  # a code or a short name, not room for a text


def field_problems(model: type[models.Model]) -> list[str]:
    problems = []
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.FileField, models.BinaryField)):
            problems.append(f"{field.name}: can hold a file")
        elif isinstance(field, (models.TextField, EncryptedTextField, models.JSONField)):
            problems.append(f"{field.name}: free text")
        elif isinstance(field, models.CharField) and not field.choices and (field.max_length or 0) > SHORT:
            problems.append(f"{field.name}: room for free text")
    return problems


def test_the_certificate_model_has_no_file_and_no_free_text():
    assert field_problems(CertificateOfConduct) == []
    names = {f.name for f in CertificateOfConduct._meta.concrete_fields}
    assert names == {"id", "organisation", "person", "received", "received_on", "screening_profile", "created_at"}


@isolate_apps("open_integriteit.onboarding")
def test_the_check_would_catch_a_copy_or_remarks():
    class Leaky(models.Model):
        copy = models.FileField()
        remarks = models.TextField()
        note = models.CharField(max_length=500)

        class Meta:
            app_label = "onboarding"

    assert field_problems(Leaky) == ["copy: can hold a file", "remarks: free text", "note: room for free text"]


def test_a_file_posted_with_the_certificate_form_is_stored_nowhere(register, staff, settings, tmp_path):
    rita = staff["rita"]
    client = login(Client(), rita)
    secret = b"%PDF-1.4 Invented conviction record 123"
    response = client.post(
        reverse("onboarding:certificate_add", args=[register["1003"].pk]),
        {
            "received": "on",
            "received_on": "2026-02-01",
            "screening_profile": "45",
            "file": SimpleUploadedFile("vog.pdf", secret, content_type="application/pdf"),
            "remarks": "Invented remark about a conviction",
        },
    )
    assert response.status_code == 302
    certificate = CertificateOfConduct.objects.get()
    assert (certificate.received, str(certificate.received_on), certificate.screening_profile) == (
        True,
        "2026-02-01",
        "45",
    )
    files_root = settings.OI_FILE_ROOT
    stored = [p for p in files_root.rglob("*") if p.is_file()] if files_root.exists() else []
    assert stored == []
    from open_integriteit.encryption.models import StoredBlob

    assert not StoredBlob.objects.exists()
    event = AuditEvent.objects.filter(action="onboarding.certificate_recorded").get()
    assert "conviction" not in str(event.details)
