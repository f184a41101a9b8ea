"""A lock taken by one server makes every other server skip the run, and is free again after."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from django.db import connection

from open_integriteit.core.locks import held_once

pytestmark = pytest.mark.django_db(transaction=True)


def _other_process_tries(name: str, settings) -> str:
    """Another process (another server) with its own database connection tries the lock."""
    code = textwrap.dedent(
        f"""
        import django, os
        django.setup()
        from open_integriteit.core.locks import held_once
        with held_once({name!r}) as acquired:
            print("acquired" if acquired else "busy")
        """
    )
    env = {"DJANGO_SETTINGS_MODULE": "open_integriteit.conf.ci", "OI_VAR_DIR": str(settings.VAR_DIR)}
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    import os

    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.SRC_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_held_lock_is_refused_to_another_server_and_free_afterwards(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with held_once("retention") as acquired:
        assert acquired
        assert _other_process_tries("retention", settings) == "busy"
        assert _other_process_tries("other-job", settings) == "acquired"
    assert _other_process_tries("retention", settings) == "acquired"


def test_lock_names_are_codes(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    with pytest.raises(ValueError), held_once("../etc/passwd"):
        pass
