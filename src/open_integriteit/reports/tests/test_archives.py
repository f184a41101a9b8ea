"""Archives (Office, OpenDocument) are judged by their headers: a zip bomb is refused at
once, without decompressing it, and other disguises are refused by content."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from open_integriteit.reports.models import Report
from open_integriteit.reports.uploads import UnsafeArchive, sniff

pytestmark = pytest.mark.django_db

FORM = {
    "ground": "misstand",
    "what_happened": "Invented: a report with an attachment",
    "reported_elsewhere": "no",
    "reporter_type": "citizen",
    "anonymity": "anonymous",
}


def docx_bomb(megabytes: int = 190) -> bytes:
    """A .docx whose ``mimetype`` entry expands to ``megabytes`` MB (about 190 KB compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        block = b"\0" * (1024 * 1024)
        with archive.open("mimetype", "w", force_zip64=False) as member:
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


def post(files):
    from open_integriteit.organisations.models import Organisation

    org = Organisation.objects.get()
    return Client().post(reverse("reports:public_form", args=[org.slug]), {**FORM, "attachments": files})


def test_a_zip_bomb_is_refused_in_under_a_second_without_growing_memory(org):
    bomb = docx_bomb()
    assert len(bomb) < 400 * 1024
    # CPU time of this thread (the test client runs the request in it): what the refusal
    # costs the server, whatever else the machine is doing.
    started = time.thread_time()
    response = post([SimpleUploadedFile("verslag.docx", bomb)])
    elapsed = time.thread_time() - started
    assert elapsed < 1.0, elapsed
    tracemalloc.start()  # a second request, traced (tracing itself slows Python down)
    try:
        start_memory, _ = tracemalloc.get_traced_memory()
        response = post([SimpleUploadedFile("verslag.docx", bomb)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak - start_memory < 20 * 1024 * 1024, (peak - start_memory) / 1024 / 1024
    errors = response.context["form"].errors["attachments"]
    assert any("verslag.docx" in error for error in errors), errors
    assert Report.objects.count() == 0
    assert FORM["what_happened"] in response.content.decode()


def test_archive_headers_that_promise_too_much_are_refused_without_reading():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for n in range(1100):
            archive.writestr(f"word/p{n}.xml", "")
    with pytest.raises(UnsafeArchive):
        sniff(many.getvalue(), "many.docx")


def test_an_honest_office_file_and_opendocument_file_are_accepted():
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "tekst " * 100_000 + "</w:document>")
    assert sniff(docx.getvalue(), "brief.docx").endswith("wordprocessingml.document")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert sniff(odt.getvalue(), "brief.odt") == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("factuur.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("factuur.pdf", b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>"),
        ("foto.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>"),
    ],
)
def test_a_web_page_disguised_as_pdf_or_image_is_refused(org, name, content):
    response = post([SimpleUploadedFile(name, content)])
    errors = response.context["form"].errors["attachments"]
    assert any(name in error for error in errors), errors
    assert Report.objects.count() == 0
