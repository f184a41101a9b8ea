"""Small invented files for the tests of the register of rules and codes."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

# The smallest thing the upload checks take for a PDF (they sniff the start of the file).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def pdf_upload(name: str = "gedragscode.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")
