"""The encrypted file storage behaves the same on both backends, and destruction leaves no
ciphertext behind in the storage's own files (ADR 0013)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from open_integriteit.encryption import keyring, storage
from open_integriteit.encryption.models import StoredBlob
from open_integriteit.reports.models import Attachment

BACKENDS = pytest.mark.parametrize("backend", storage.BACKENDS)


@pytest.fixture
def use(settings):
    def choose(kind: str) -> None:
        settings.OI_FILE_STORAGE = kind

    return choose


def _stored_files_on_disk(settings) -> list[Path]:
    root = Path(settings.OI_FILE_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@BACKENDS
@pytest.mark.django_db
def test_a_file_reads_back_lists_and_is_gone_after_delete(use, backend):
    use(backend)
    name, key_id = storage.save_encrypted(b"invented attachment")
    other, _ = storage.save_encrypted(b"another one")

    assert key_id == "test1"
    assert storage.read_decrypted(name) == b"invented attachment"
    assert sorted(storage.names()) == sorted([name, other])

    storage.delete(name)
    storage.delete(name)  # deleting twice is not an error (retention may be interrupted)
    assert list(storage.names()) == [other]
    with pytest.raises(storage.StoredFileMissing):
        storage.read_decrypted(name)


@BACKENDS
@pytest.mark.django_db
def test_a_file_under_another_name_fails_to_decrypt(use, backend):
    use(backend)
    name, _ = storage.save_encrypted(b"bound to its name")
    other = storage.new_name()
    storage.backend().write(other, storage.backend().read(name))
    with pytest.raises(keyring.DecryptionError):
        storage.read_decrypted(other)


@BACKENDS
@pytest.mark.django_db
def test_reencrypt_moves_a_file_to_the_active_key(settings, use, backend):
    use(backend)
    name, _ = storage.save_encrypted(b"rotate me")
    settings.OI_ACTIVE_KEY_ID = "test2"
    assert storage.reencrypt(name) == "test2"
    assert keyring.blob_key_id(storage.backend().read(name)) == "test2"
    assert storage.read_decrypted(name) == b"rotate me"


@pytest.mark.django_db
def test_a_file_written_by_a_service_inside_a_larger_write_is_removed_when_that_write_fails(use):
    """A service's own ``removed_on_failure`` nested in its caller's (the counted web
    submission): the file survives the service's success, but not the caller's failure."""
    use("filesystem")
    with pytest.raises(RuntimeError), storage.removed_on_failure() as outer:
        with storage.removed_on_failure() as inner:
            name, _ = storage.save_encrypted(b"written by the service")
            inner.append(name)
        assert outer == [name] and storage.read_decrypted(name) == b"written by the service"
        raise RuntimeError("the caller's commit failed")
    assert list(storage.names()) == []

    with storage.removed_on_failure() as written:
        kept, _ = storage.save_encrypted(b"kept")
        written.append(kept)
    assert list(storage.names()) == [kept]


@pytest.mark.django_db
def test_database_storage_keeps_nothing_on_disk_and_a_rolled_back_write_leaves_no_file(settings, use):
    use("database")
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save_encrypted(b"never committed")
        raise RuntimeError("the report's write failed")
    assert list(storage.names()) == []

    storage.save_encrypted(b"committed")
    assert _stored_files_on_disk(settings) == []
    raw = bytes(StoredBlob.objects.get().data)
    assert raw.startswith(keyring.FILE_MAGIC) and b"committed" not in raw


@pytest.mark.django_db
def test_bad_backend_name_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.OI_FILE_STORAGE = "s3"
    with pytest.raises(ImproperlyConfigured, match="OI_FILE_STORAGE"):
        storage.save_encrypted(b"x")


@pytest.mark.django_db
def test_reporter_attachment_in_the_shared_database_is_read_by_the_coordinator(
    settings, use, client, org, personas, client_for
):
    use("database")
    pdf = b"%PDF-1.4\ninvented evidence\n%%EOF\n"
    response = client.post(
        reverse("reports:public_form", args=[org.slug]),
        {
            "ground": "business_integrity",
            "what_happened": "Invented: offers are opened before the deadline.",
            "reported_elsewhere": "no",
            "reporter_type": "employee",
            "anonymity": "anonymous",
            "attachments": [SimpleUploadedFile("bewijs.pdf", pdf, content_type="application/pdf")],
        },
        follow=True,
    )
    assert 'data-testid="receipt-code"' in response.content.decode()
    attachment = Attachment.objects.get()
    assert list(storage.names()) == [attachment.stored_name]
    assert _stored_files_on_disk(settings) == []

    coordinator = client_for(personas["alice"])
    download = coordinator.get(reverse("reports:staff_attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == pdf


@pytest.mark.django_db
def test_rotate_keys_reencrypts_files_in_the_database(settings, use, make_report):
    from open_integriteit.reports import services
    from open_integriteit.reports.uploads import CheckedFile

    use("database")
    report, _code = make_report()
    services.report_reply_from_reporter(report=report, body="reply", files=[CheckedFile("a.txt", "text/plain", b"x")])
    settings.OI_ACTIVE_KEY_ID = "test2"
    call_command("rotate_keys", stdout=open(os.devnull, "w"))  # noqa: SIM115
    attachment = Attachment.objects.get()
    assert attachment.key_id == "test2"
    assert keyring.blob_key_id(bytes(StoredBlob.objects.get(name=attachment.stored_name).data)) == "test2"
    assert storage.read_decrypted(attachment.stored_name) == b"x"


@pytest.mark.django_db
def test_files_move_copies_every_file_to_the_database_and_empties_the_disk(settings, use):
    use("filesystem")
    names = [storage.save_encrypted(f"file {n}".encode())[0] for n in range(3)]
    assert len(_stored_files_on_disk(settings)) == 3

    call_command("files_move", "--to", "database", stdout=open(os.devnull, "w"))  # noqa: SIM115

    assert _stored_files_on_disk(settings) == []
    use("database")
    assert sorted(storage.names()) == sorted(names)
    assert [storage.read_decrypted(n) for n in names] == [b"file 0", b"file 1", b"file 2"]


# --------------------------------------------------------------------------- destruction


def _dump_bytes() -> bytes:
    """What a backup taken now holds: pg_dump (hex for bytea, lower-cased), or the SQLite file and WAL."""
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        return b"".join(Path(name + s).read_bytes() for s in ("", "-wal") if Path(name + s).exists())
    db = connection.settings_dict
    dump = subprocess.run(
        ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"], db["NAME"]],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""},
    ).stdout
    return dump.replace(b"\\\\x", b"").lower()


def _heap_bytes() -> bytes:
    """PostgreSQL's raw pages of the blob table and its TOAST table (pageinspect)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(
            "SELECT c.oid::regclass::text, t.oid::regclass::text FROM pg_class c "
            "JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = 'encryption_storedblob'"
        )
        pages = []
        for relation in cursor.fetchone():
            cursor.execute("SELECT pg_relation_size(%s::regclass) / 8192", [relation])
            for number in range(cursor.fetchone()[0]):
                cursor.execute("SELECT get_raw_page(%s, %s)", [relation, number])
                pages.append(bytes(cursor.fetchone()[0]))
    return b"".join(pages)


def _three_files(use) -> tuple[str, str, str, dict[str, bytes]]:
    use("database")
    # Large enough to be stored out of line (PostgreSQL TOAST), like a real attachment.
    kept, _ = storage.save_encrypted(os.urandom(40_000))
    doomed, _ = storage.save_encrypted(os.urandom(40_000))
    small, _ = storage.save_encrypted(os.urandom(300))
    blobs = {n: storage.backend().read(n) for n in (kept, doomed, small)}
    return kept, doomed, small, {n: blob[len(blob) // 2 : len(blob) // 2 + 32] for n, blob in blobs.items()}


def _present(sample: bytes, raw: bytes) -> bool:
    return sample in raw or sample.hex().encode() in raw


@pytest.mark.django_db(transaction=True)
def test_destroyed_file_is_in_no_backup_taken_afterwards(use):
    kept, doomed, small, samples = _three_files(use)
    assert _present(samples[doomed], _dump_bytes()), "the check must see stored ciphertext"

    storage.delete(doomed)
    storage.delete(small)
    storage.compact()

    after = _dump_bytes()
    assert not _present(samples[doomed], after)
    assert not _present(samples[small], after)
    assert _present(samples[kept], after), "the check must still see the file that was kept"
    assert list(storage.names()) == [kept]


@pytest.mark.django_db(transaction=True)
def test_compact_leaves_no_ciphertext_in_the_postgresql_heap(use):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite: covered by the backup test above (the raw file is the backup)")
    kept, doomed, _small, samples = _three_files(use)
    assert _present(samples[doomed], _heap_bytes())
    storage.delete(doomed)
    assert storage.compact() is True
    heap = _heap_bytes()
    assert _present(samples[kept], heap)
    assert not _present(samples[doomed], heap)


@contextmanager
def _older_snapshot() -> Iterator[Any]:
    """Another session of this database holding a snapshot, as an autovacuum ANALYZE or a
    request reading a file does for a moment: it may still see rows deleted after it began."""
    import psycopg

    db = connection.settings_dict
    other = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
    )
    try:
        other.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        other.execute("SELECT 1").fetchone()  # takes the snapshot, but no lock on the blob table
        yield other
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_compact_gives_up_on_a_table_in_use_without_blocking_it(use, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's table locks")
    _kept, doomed, _small, _samples = _three_files(use)
    with _older_snapshot() as other:
        other.execute("SELECT count(*) FROM encryption_storedblob").fetchone()  # a download in progress
        storage.delete(doomed)
        started = time.monotonic()
        assert storage.compact(wait_seconds=0) is False
        assert time.monotonic() - started < 30
    assert storage.compact() is True


@pytest.mark.django_db(transaction=True)
def test_compact_waits_for_a_transaction_that_still_sees_the_deleted_file(use):
    """Why the heap test above used to fail now and then on the shared machine: VACUUM FULL
    must copy a deleted row that an open snapshot may still see ("recently dead"), so one
    VACUUM FULL while such a session runs keeps the ciphertext. compact() repeats it
    until nothing deleted was copied, or reports that it could not."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's MVCC; SQLite overwrites deleted content at once (secure_delete)")
    kept, doomed, _small, samples = _three_files(use)
    with _older_snapshot() as other:
        storage.delete(doomed)
        assert storage.compact(wait_seconds=0) is False, "one VACUUM FULL cannot remove it while it is seen"
        assert _present(samples[doomed], _heap_bytes())

        threading.Timer(1.0, other.close).start()  # the other session ends during the wait
        started = time.monotonic()
        assert storage.compact(wait_seconds=60) is True
        assert time.monotonic() - started >= 0.9

    heap = _heap_bytes()
    assert not _present(samples[doomed], heap)
    assert _present(samples[kept], heap)
