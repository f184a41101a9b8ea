"""Background work of the annual reports: the files of an adopted report.

``render_files`` makes each missing format from the frozen document, one file per
transaction, so the report's page shows the progress (files made of ``render.FORMATS``) and
a worker that stops halfway continues where it was. Run again, it makes nothing twice.

A failure is recorded on the report (``render_failed_at``; the error itself only in the
log, it may quote the report): the page says so and offers to queue it again.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from open_integriteit.encryption import storage

from . import render
from .models import AnnualReport, ReportFile

logger = logging.getLogger(__name__)


def render_files(report_id: int) -> int:
    """Make the missing files of an adopted report; returns how many were made."""
    report = AnnualReport.objects.select_related("organisation").get(pk=report_id)
    data = report.frozen
    if data is None:
        return 0
    made = 0
    for fmt in render.FORMATS:
        if report.files.filter(format=fmt).exists():
            continue
        try:
            content = render.render(report, data, fmt)
            with storage.removed_on_failure() as written, transaction.atomic():
                name, key_id = storage.save_encrypted(content)
                written.append(name)
                ReportFile.objects.create(report=report, format=fmt, size=len(content), stored_name=name, key_id=key_id)
        except IntegrityError:  # another worker made it meanwhile
            continue
        except Exception:
            logger.exception("annual report %s: making the %s file failed", report.pk, fmt)
            AnnualReport.objects.filter(pk=report.pk).update(render_failed_at=timezone.now())
            return made
        made += 1
        logger.info("annual report %s: %s made (%d bytes)", report.pk, fmt, len(content))
    return made


def file_content(report_file: ReportFile) -> bytes:
    return storage.read_decrypted(report_file.stored_name)
