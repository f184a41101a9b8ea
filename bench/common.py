"""What the benchmarks share: a fresh environment with keys of its own (never
var/local.env), the PostgreSQL admin helper, a free port on 127.0.0.1, and a logged-in
staff client (second factor verified) for in-process measurements."""

from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

HOST = "127.0.0.1"
SRC = Path(__file__).resolve().parent.parent / "src"


class BenchError(Exception):
    """A set-up step failed; the message says which."""


def fresh_env(workdir: Path, database_url: str) -> dict[str, str]:
    """The environment of a benchmark run: this process's, without any OI_ setting, with new
    keys and every file under ``workdir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("OI_") and key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
    }
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "OI_ENCRYPTION_KEYS": f"k1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
            "OI_ACTIVE_KEY_ID": "k1",
            "OI_RECEIPT_PEPPER": base64.b64encode(secrets.token_bytes(32)).decode(),
            "OI_AUDIT_KEY": f"a1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
            "OI_CLIENT_HASH_KEY": secrets.token_urlsafe(32),
            "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.dev",
            "DEBUG": "false",
            "OI_ENV_FILE": str(workdir / "bench.env"),  # does not exist: var/local.env is never read
            "OI_VAR_DIR": str(workdir),
            "OI_SQLITE_PATH": str(workdir / "db.sqlite3"),
            "OI_FILE_ROOT": str(workdir / "files"),
            "OI_BASE_URL": f"http://{HOST}",
            "DATABASE_URL": database_url,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def pg_admin(database_url: str, sql: str) -> None:
    import psycopg  # from the project's venv

    with psycopg.connect(database_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def pg_create(database_url: str, prefix: str) -> str:
    """Create a dedicated database on the (local) server of DATABASE_URL; return its URL."""
    parsed = urlparse(database_url)
    if parsed.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise BenchError(f"DATABASE_URL must point at 127.0.0.1 for the bench, not {parsed.hostname!r}")
    name = f"{prefix}_{os.getpid()}"
    pg_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
    pg_admin(database_url, f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def pg_drop(admin_url: str, bench_url: str) -> None:
    name = urlparse(bench_url).path.lstrip("/")
    try:
        pg_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception as exc:  # clean-up must not hide the results
        print(f"warning: could not drop database {name}: {exc}", file=sys.stderr)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def staff_client(user: Any) -> Any:
    """A Django test client logged in as ``user`` with a verified second factor."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from open_integriteit.accounts import services as account_services

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        account_services.totp_device_create(user=user, confirmed=True)
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_inner(script: str, name: str, arguments: list[str]) -> int:
    """Run ``script --inner <arguments>`` in a fresh environment: a temporary directory with
    its own keys and SQLite file, or a database ``<name>_<pid>`` created on the PostgreSQL
    server of ``DATABASE_URL`` and dropped afterwards (also on Ctrl+C or SIGTERM)."""
    signal.signal(signal.SIGTERM, _interrupt)
    admin_url = os.environ.get("DATABASE_URL", "")
    bench_url = ""
    with tempfile.TemporaryDirectory(prefix=f"{name.replace('_', '-')}-") as tmp:
        if admin_url:
            try:
                bench_url = pg_create(admin_url, name)
            except BenchError as exc:
                print(exc, file=sys.stderr)
                return 2
        try:
            env = fresh_env(Path(tmp), bench_url)
            command = [sys.executable, str(Path(script).resolve()), "--inner", *arguments]
            return subprocess.run(command, cwd=SRC, env=env, check=False).returncode
        except KeyboardInterrupt:
            print("\ninterrupted", file=sys.stderr)
            return 130
        finally:
            if bench_url:
                pg_drop(admin_url, bench_url)
