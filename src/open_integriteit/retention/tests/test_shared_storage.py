"""Retention on the shared file storage leaves no ciphertext behind (issue 11, ADR 0013).

A report with attachments (from the form and from a reply in the mailbox) becomes part of
a case with a document; the case is closed. With frozen time the daily job (the worker's
``retention_run``, lock included) destroys it. Then the storage is listed as a whole, not
through the product's own ``names()``: every file under the storage directory and every
row of the blob table, read with SQL. Neither a stored name nor any piece of ciphertext
of a destroyed file may remain; the file of a report that is kept must still be there
(so the check is seen to work). With ``OI_FILE_STORAGE=database`` a backup taken
afterwards (the SQLite file and its write-ahead log, or a pg_dump) is grepped as well.

Runs on both storages and on whichever database the suite runs on (SQLite, PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from open_integriteit.cases.models import Case
from open_integriteit.cases.services import document_add, measure_add
from open_integriteit.cases.workflow import State
from open_integriteit.encryption import storage
from open_integriteit.encryption.models import EncryptedFile, StoredBlob
from open_integriteit.reports import services as report_services
from open_integriteit.reports.deadlines import add_months
from open_integriteit.reports.models import Report
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.retention.tasks import retention_run
from open_integriteit.testing.fixtures import REPORT_DATA
from open_integriteit.testing.raw_storage import raw_database_bytes

START = dt.datetime(2024, 8, 30, 9, 0, tzinfo=dt.UTC)
WRITTEN_REPRIMAND_MONTHS = 60  # an informally handled case with a written reprimand


def _stored_names() -> set[str]:
    """Every stored file name any row points at (every model with an encrypted file)."""
    names: set[str] = set()
    for model in apps.get_models():
        if issubclass(model, EncryptedFile):
            names.update(model._base_manager.values_list("stored_name", flat=True))
    return names


def _storage_listing() -> list[tuple[str, bytes]]:
    """The whole storage, read around the product: (name, raw bytes) of every file under
    the storage directory, whatever its name, and of every row of the blob table."""
    listing = []
    root = Path(settings.OI_FILE_ROOT)
    if root.exists():
        listing += [(p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()]
    table = connection.ops.quote_name(StoredBlob._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, data FROM {table}")
        listing += [(name, bytes(data)) for name, data in cursor.fetchall()]
    return listing


def _samples(blob: bytes) -> list[bytes]:
    """Pieces of one ciphertext, from its start (past the header), middle and end."""
    return [blob[30:62], blob[len(blob) // 2 : len(blob) // 2 + 32], blob[-32:]]


def _found(needle: bytes, haystack: bytes) -> bool:
    return needle in haystack or needle.hex().encode() in haystack.lower()


def _file(label: str, marker: str, size: int = 20_000) -> CheckedFile:
    # Larger than PostgreSQL stores in line (TOAST), as a real attachment is.
    return CheckedFile(f"{label}.txt", "text/plain", f"{label} {marker} ".encode() * (size // 30))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", storage.BACKENDS)
def test_retention_on_the_shared_storage_leaves_no_ciphertext(settings, tmp_path, backend, org, team, make_case, walk):
    settings.OI_FILE_STORAGE = backend
    settings.VAR_DIR = tmp_path  # the retention lock file (SQLite)
    marker = f"SHAREDMARKER{secrets.token_hex(6).upper()}"
    with time_machine.travel(START, tick=True):
        report, _code = report_services.report_submit(
            organisation=org,
            data={**REPORT_DATA, "what_happened": f"Invented {marker}"},
            files=[_file("form-1", marker), _file("form-2", marker, size=300)],
        )
        report_services.report_reply_from_reporter(report=report, body="Reply", files=[_file("reply", marker)])
        case = make_case(state=State.INFORMAL, reports=[report], title=f"Case {marker}")
        measure_add(case=case, by=team["pat"], kind="written_reprimand", decided_on=START.date(), description="Measure")
        document_add(case=case, by=team["bob"], title="Document", file=_file("document", marker))
        walk(case, "informal_done", "close")
    closed_at = Case.objects.get(pk=case.pk).closed_at
    end = add_months(timezone.localtime(closed_at), WRITTEN_REPRIMAND_MONTHS)
    with time_machine.travel(end - dt.timedelta(days=2), tick=True):  # a recent report: kept
        kept_report, _code = report_services.report_submit(
            organisation=org, data=REPORT_DATA, files=[_file("kept", marker)]
        )

    kept_names = {a.stored_name for a in kept_report.attachments.all()}
    doomed_names = _stored_names() - kept_names
    assert len(doomed_names) == 4 and len(kept_names) == 1
    before = dict(_storage_listing())
    assert set(before) == doomed_names | kept_names, "the listing must see every stored file"
    doomed = {name: _samples(before[name]) for name in doomed_names}
    kept = {name: _samples(before[name]) for name in kept_names}
    if backend == "database":
        assert _stored_files_under_root() == []
        backup = raw_database_bytes()
        assert all(_found(sample, backup) for samples in doomed.values() for sample in samples)

    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        assert retention_run() == 0
    assert set(dict(_storage_listing())) == doomed_names | kept_names, "nothing destroyed before its time"
    with time_machine.travel(end, tick=False):
        assert retention_run() == 1

    assert Case.objects.get(pk=case.pk).state == State.DESTROYED
    assert Report.objects.get(pk=report.pk).destroyed_at is not None
    listing = _storage_listing()
    assert [name for name, _data in listing] == sorted(kept_names)
    everything = b"".join(name.encode() + b"\0" + data for name, data in listing)
    for name, samples in doomed.items():
        assert name.encode() not in everything
        assert not any(_found(sample, everything) for sample in samples), f"ciphertext of {name} is left"
    assert all(_found(sample, everything) for samples in kept.values() for sample in samples)
    assert _stored_names() == kept_names
    if backend == "database":
        backup = raw_database_bytes(checkpoint=False)  # as the product's own compaction left it
        for name, samples in doomed.items():
            assert not any(_found(sample, backup) for sample in samples), f"ciphertext of {name} is in a backup"
        assert all(_found(sample, backup) for samples in kept.values() for sample in samples)


def _stored_files_under_root() -> list[Path]:
    root = Path(settings.OI_FILE_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
