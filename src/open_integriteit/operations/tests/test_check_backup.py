"""Backup -> restore into an empty database -> check_backup passes with the keys and fails
loudly with a wrong key. SQLite: the online backup API plus a copy of the files directory;
PostgreSQL: pg_dump / pg_restore, with the files in the database."""

from __future__ import annotations

import base64
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from open_integriteit.reports import services
from open_integriteit.reports.uploads import CheckedFile

pytestmark = pytest.mark.django_db(transaction=True)


def _pg(*command: str) -> None:
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    base = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    subprocess.run([command[0], *base, *command[1:]], check=True, capture_output=True, env=env, timeout=300)


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "OI_ENCRYPTION_KEYS"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check_backup", "--sample", "50"],
        cwd=django_settings.SRC_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.ci", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def restored(settings, tmp_path, make_report, org):
    """Real data through the services, backed up and restored; yields the restored copy's env."""
    on_postgres = connection.vendor == "postgresql"
    settings.OI_FILE_STORAGE = "database" if on_postgres else "filesystem"
    for n in range(3):
        report, _code = make_report(
            anonymity="confidential", identity={"name": f"Invented reporter {n}", "email": f"r{n}@example.invalid"}
        )
        services.report_reply_from_reporter(
            report=report, body=f"Reply {n}", files=[CheckedFile(f"bewijs{n}.txt", "text/plain", b"invented %d" % n)]
        )
    env = {"OI_FILE_STORAGE": settings.OI_FILE_STORAGE, "OI_ENCRYPTION_KEYS": settings.OI_ENCRYPTION_KEYS}
    if on_postgres:
        db = connection.settings_dict
        dump = tmp_path / "backup.dump"
        _pg("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), db["NAME"])
        restore_name = f"{db['NAME']}_restored"
        _pg("dropdb", "--if-exists", "--force", restore_name)
        _pg("createdb", restore_name)
        _pg("pg_restore", "--no-owner", "--exit-on-error", "--dbname", restore_name, str(dump))
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{restore_name}"
        yield env
        _pg("dropdb", "--if-exists", "--force", restore_name)
    else:
        target = tmp_path / "restored.sqlite3"
        source = sqlite3.connect(connection.settings_dict["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        shutil.copytree(settings.OI_FILE_ROOT, tmp_path / "restored-files")
        # Restored as the procedure says: readable by the server's user only (the start-up check).
        target.chmod(0o600)
        for path in [tmp_path / "restored-files", *(tmp_path / "restored-files").rglob("*")]:
            path.chmod(0o700 if path.is_dir() else 0o600)
        yield {**env, "OI_SQLITE_PATH": str(target), "OI_FILE_ROOT": str(tmp_path / "restored-files")}


def test_restored_backup_passes_the_check_with_the_keys(restored, org):
    result = _check(restored)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reports.report.what_happened: 3 values, 3 of 3 sampled decrypt" in result.stdout
    assert "reports.attachment: 3 files, 0 missing, 3 of 3 sampled decrypt" in result.stdout
    assert "Audit trail intact" in result.stdout
    assert f"  {org.slug}: " in result.stdout and "reports.report=3" in result.stdout
    assert "Backup check passed" in result.stdout


def test_restored_backup_fails_loudly_with_a_wrong_key(restored):
    wrong = base64.b64encode(os.urandom(32)).decode()
    keys = ",".join(
        f"test1:{wrong}" if item.startswith("test1:") else item for item in restored["OI_ENCRYPTION_KEYS"].split(",")
    )
    result = _check({**restored, "OI_ENCRYPTION_KEYS": keys})
    assert result.returncode != 0
    assert "BACKUP CHECK FAILED" in result.stderr
    assert "reports.report.what_happened: 3 of 3 sampled values do not decrypt" in result.stderr
    assert "reports.attachment: 3 of 3 sampled files do not decrypt" in result.stderr


def test_a_file_lost_from_the_backup_is_reported(restored):
    if "OI_FILE_ROOT" not in restored:
        pytest.skip("with the files in the database one restore holds them all")
    victim = next(Path(restored["OI_FILE_ROOT"]).rglob("*.bin"))
    victim.unlink()
    result = _check(restored)
    assert result.returncode != 0
    assert "reports.attachment: 1 of 3 files are missing from the storage" in result.stderr
