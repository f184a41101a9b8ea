"""Checks on uploaded files: number, size, and type by content (magic bytes), not by name.

Nothing here reads more than the upload itself: archives are judged by their headers
(``_archive_type``), and no entry is decompressed beyond a few bytes.
"""

from __future__ import annotations

import io
import re
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

# Archives (Office and OpenDocument files are zip archives) are judged by their entry
# headers; the only entry ever decompressed here is ODF's tiny ``mimetype``, and only up
# to MIMETYPE_MAX bytes. Whoever opens the file later (staff, with an office suite)
# decompresses the rest, so the headers must promise nothing absurd either.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all entries together, uncompressed
ZIP_MAX_RATIO = 100  # uncompressed / compressed, for entries above ZIP_RATIO_FROM bytes
ZIP_RATIO_FROM = 1024 * 1024
MIMETYPE_MAX = 128
CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
# Markup a browser would take for a web page, at the start of a file that claims to be binary.
HTML_START = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe)[\s>/]", re.IGNORECASE)


class UnsafeArchive(Exception):
    """An archive that could expand far beyond its size (a "zip bomb") or is not plain zip."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _archive_type(data: bytes, ext: str) -> str | None:
    """The Office/OpenDocument type of a zip archive, judged from its headers only.

    Raises UnsafeArchive before anything is decompressed when the headers promise too many
    entries, too many bytes, an absurd compression ratio, encryption or another method.
    """
    # Every central-directory entry starts with this signature, so its count bounds the
    # entries zipfile will parse (and keep in memory) before we see a single one.
    if data.count(CENTRAL_DIRECTORY_ENTRY) > ZIP_MAX_ENTRIES:
        raise UnsafeArchive("too many entries")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            total = 0
            for entry in entries:
                total += entry.file_size
                if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or entry.flag_bits & 0x1:
                    raise UnsafeArchive("compression method or encryption")
                if entry.file_size > ZIP_RATIO_FROM and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1):
                    raise UnsafeArchive("compression ratio")
            if total > ZIP_MAX_TOTAL_BYTES:
                raise UnsafeArchive("total size")
            names = {entry.filename for entry in entries}
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(MIMETYPE_MAX + 1).strip()
                if ext in ODF.get(mimetype, set()):
                    return mimetype.decode("ascii")
            if "[Content_Types].xml" in names:
                for prefix, (content_type, extensions) in OOXML.items():
                    if ext in extensions and any(n.startswith(prefix) for n in names):
                        return content_type
    except UnsafeArchive:
        raise
    except Exception:  # a damaged or odd archive (zipfile raises many kinds): not accepted
        return None
    return None


def sniff(data: bytes, filename: str) -> str | None:
    """The content type the bytes really are, if it is on the allow-list and fits the name.

    Raises UnsafeArchive for an archive that must not be accepted at all.
    """
    ext = _extension(filename)
    if data.startswith(b"PK\x03\x04"):
        return _archive_type(data, ext)
    if ext == ".txt":
        if b"\x00" in data:
            return None
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    if HTML_START.search(data[:1024]):
        return None  # a web page disguised as a PDF or an image
    if data.startswith(b"%PDF-") and ext == ".pdf":
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n") and ext == ".png":
        return "image/png"
    if data.startswith(b"\xff\xd8\xff") and ext in {".jpg", ".jpeg"}:
        return "image/jpeg"
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
        try:
            content_type = sniff(data, name)
        except UnsafeArchive:
            errors.append(
                _(
                    "%(name)s is not allowed: as an archive it would unpack to far more than its own size, or into "
                    "too many parts. Save it again, or send it as PDF."
                )
                % {"name": name}
            )
            continue
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
