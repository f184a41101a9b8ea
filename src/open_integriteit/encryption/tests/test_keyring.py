from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from open_integriteit.encryption import keyring, storage
from open_integriteit.reports import services
from open_integriteit.reports.models import Attachment, Report
from open_integriteit.reports.uploads import CheckedFile

pytestmark = pytest.mark.django_db


def test_ciphertext_is_bound_to_its_column():
    token = keyring.encrypt_text("secret", aad="reports.report.what_happened")
    assert keyring.decrypt_text(token, aad="reports.report.what_happened") == "secret"
    with pytest.raises(keyring.DecryptionError):
        keyring.decrypt_text(token, aad="reports.report.involved")


def test_tampered_ciphertext_is_refused():
    token = keyring.encrypt_text("secret", aad="x")
    broken = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(keyring.DecryptionError):
        keyring.decrypt_text(broken, aad="x")


def _raw_values() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened, involved FROM reports_report")
        return [v for row in cursor.fetchall() for v in row]


def test_rotate_keys_reencrypts_values_and_files_and_is_resumable(settings, make_report):
    report, _code = make_report(what_happened="rotate me")
    services.report_reply_from_reporter(report=report, body="reply", files=[CheckedFile("a.txt", "text/plain", b"abc")])
    second, _code = make_report(what_happened="and me")
    assert all(v.startswith("oi1:test1:") for v in _raw_values())

    settings.OI_ACTIVE_KEY_ID = "test2"
    # An interrupted earlier run re-encrypted one row only; the command finishes the rest.
    Report.objects.filter(pk=second.pk).update(what_happened="and me")
    call_command("rotate_keys")

    assert all(v.startswith("oi1:test2:") for v in _raw_values())
    attachment = Attachment.objects.get()
    assert attachment.key_id == "test2"
    with open(settings.OI_FILE_ROOT / attachment.stored_name, "rb") as handle:
        assert keyring.blob_key_id(handle.read()) == "test2"
    assert storage.read_decrypted(attachment.stored_name) == b"abc"
    assert Report.objects.get(pk=report.pk).what_happened == "rotate me"
    # Old key removed: everything still reads.
    settings.OI_ENCRYPTION_KEYS = settings.OI_ENCRYPTION_KEYS.split(",")[1]
    assert Report.objects.get(pk=second.pk).what_happened == "and me"
    call_command("rotate_keys")  # nothing left: a second run changes nothing
    assert Attachment.objects.get().key_id == "test2"


def _manage_without_keys(tmp_path, *args: str):
    """``manage.py *args`` as on a fresh checkout: development settings, no keys anywhere."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OI_") and k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.dev",
            "OI_ENV_FILE": str(tmp_path / "none.env"),
            "OI_VAR_DIR": str(tmp_path),
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=src, env=env, capture_output=True, text=True, timeout=120
    )


def test_an_empty_secret_key_is_reported_by_the_start_up_check_not_a_traceback(tmp_path):
    """Without keys (a fresh checkout before `make run`) every command stops with the
    check's own message, not with Django's ImproperlyConfigured traceback."""
    result = _manage_without_keys(tmp_path, "check")
    assert result.returncode != 0
    assert "oi.E003" in result.stderr and "SECRET_KEY is empty" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_makemigrations_check_answers_about_migrations_without_keys(tmp_path):
    """Comparing models and migrations needs no key: on a fresh checkout it says whether the
    migrations are complete instead of refusing for the missing keys."""
    result = _manage_without_keys(tmp_path, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
    assert "oi.E00" not in result.stderr, result.stderr
