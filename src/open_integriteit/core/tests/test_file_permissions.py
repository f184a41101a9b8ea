"""The database, files, mails and keys are created private, and nothing starts while they
are readable by other users."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from open_integriteit.core.checks import check_private_files
from open_integriteit.encryption import storage

SRC = Path(__file__).resolve().parents[3]


def _env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OI_") and k != "DATABASE_URL"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.dev",
            "SECRET_KEY": "test-only-secret-key-not-for-production-0123456789",
            "OI_ENCRYPTION_KEYS": "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            "OI_ACTIVE_KEY_ID": "test1",
            "OI_RECEIPT_PEPPER": "cGVwcGVyLWZvci10ZXN0cy1vbmx5LW5vdC1zZWNyZXQh",
            "OI_AUDIT_KEY": "ta1:YXVkaXQta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1zZWM=",
            "OI_ENV_FILE": str(var / "local.env"),
            "OI_VAR_DIR": str(var),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_manage_py_creates_the_database_and_mails_private_and_refuses_when_exposed(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = _env(var)
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], cwd=SRC, env=env, capture_output=True, text=True, timeout=300
    )
    result = run("migrate", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    assert mode(var / "db.sqlite3") == 0o600
    result = run("sendtestemail", "someone@example.invalid")
    assert result.returncode == 0, result.stderr
    assert mode(var / "mail") == 0o700
    assert all(mode(f) == 0o600 for f in (var / "mail").iterdir())
    os.chmod(var / "db.sqlite3", 0o644)
    result = run("check")
    assert result.returncode != 0
    assert "open_integriteit.E001" in result.stderr and f"chmod 600 {var / 'db.sqlite3'}" in result.stderr


def test_gunicorn_refuses_to_start_while_the_database_is_readable_by_others(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    (var / "db.sqlite3").write_bytes(b"")
    os.chmod(var / "db.sqlite3", 0o644)
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "open_integriteit.wsgi:application", "--bind", "127.0.0.1:0"],
        cwd=SRC,
        env=_env(var),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "chmod 600" in result.stderr and "db.sqlite3" in result.stderr


def test_stored_files_are_private_and_the_check_names_the_fix(settings, tmp_path):
    settings.OI_FILE_ROOT = tmp_path / "files"
    name, _key = storage.save_encrypted(b"invented")
    path = tmp_path / "files" / name
    assert mode(path) == 0o600
    assert mode(tmp_path / "files") == 0o700 and mode(path.parent) == 0o700
    assert not [e for e in check_private_files() if str(tmp_path) in e.msg]
    os.chmod(tmp_path / "files", 0o755)
    errors = [e for e in check_private_files() if str(tmp_path) in e.msg]
    assert [e.id for e in errors] == ["open_integriteit.E001"]
    assert f"chmod -R go= {tmp_path / 'files'}" in errors[0].hint


@pytest.mark.parametrize("port", ["8080"])
def test_make_run_gives_the_worker_and_the_server_the_same_base_url(port):
    result = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=SRC.parent, capture_output=True, text=True, timeout=60
    )
    lines = [line for line in result.stdout.splitlines() if "qcluster" in line or "gunicorn" in line]
    assert any("qcluster" in line for line in lines)
    for line in lines:
        assert f"OI_BASE_URL=http://127.0.0.1:{port}" in line, line
