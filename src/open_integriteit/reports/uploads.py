"""Checks on uploaded files: number, size, and type by content (magic bytes), not by name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED_DESCRIPTION = gettext_lazy(
    "PDF, JPG, PNG, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods) and text (.txt)"
)

OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": {".odt"},
    b"application/vnd.oasis.opendocument.spreadsheet": {".ods"},
}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def sniff(data: bytes, filename: str) -> str | None:
    """The content type the bytes really are, if it is on the allow-list and fits the name."""
    ext = _extension(filename)
    if data.startswith(b"%PDF-") and ext == ".pdf":
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n") and ext == ".png":
        return "image/png"
    if data.startswith(b"\xff\xd8\xff") and ext in {".jpg", ".jpeg"}:
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").strip()
                    if ext in ODF.get(mimetype, set()):
                        return mimetype.decode("ascii")
                if "[Content_Types].xml" in names:
                    for prefix, (content_type, extensions) in OOXML.items():
                        if ext in extensions and any(n.startswith(prefix) for n in names):
                            return content_type
        except (zipfile.BadZipFile, KeyError, ValueError):
            return None
        return None
    if ext == ".txt" and b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def check_uploads(files: list[UploadedFile]) -> list[CheckedFile]:
    """Validate all files; raise one ValidationError listing every problem (in Dutch by default)."""
    errors: list[str] = []
    max_files = settings.OI_MAX_ATTACHMENTS
    max_bytes = settings.OI_MAX_ATTACHMENT_MB * 1024 * 1024
    if len(files) > max_files:
        raise ValidationError(
            _("You can add at most %(max)d files at a time; you chose %(count)d.")
            % {"max": max_files, "count": len(files)}
        )
    checked: list[CheckedFile] = []
    for upload in files:
        name = (upload.name or "bestand").rsplit("/", 1)[-1][:200]
        if upload.size is not None and upload.size > max_bytes:
            errors.append(
                _("%(name)s is too large (%(size)s); the limit is %(max)d MB per file.")
                % {"name": name, "size": filesizeformat(upload.size), "max": settings.OI_MAX_ATTACHMENT_MB}
            )
            continue
        if upload.size == 0:
            errors.append(_("%(name)s is empty.") % {"name": name})
            continue
        data = upload.read()
        content_type = sniff(data, name)
        if content_type is None:
            errors.append(
                _("%(name)s is not allowed: its content is not one of the accepted file types (%(types)s).")
                % {"name": name, "types": ALLOWED_DESCRIPTION}
            )
            continue
        checked.append(CheckedFile(name, content_type, data))
    if errors:
        raise ValidationError(errors)
    return checked
