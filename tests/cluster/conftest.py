"""Two application servers and two background workers against one PostgreSQL database and
one Redis, sharing the encrypted files through the database (ADR 0013, ADR 0014).

Started once per session on free ports on 127.0.0.1: a dedicated database
``oi_cluster_<pid>`` (dropped afterwards) and Redis keys under a prefix of this run only
(deleted afterwards), fresh keys, OI_FILE_STORAGE=database, JSON logs. Every process is
stopped at the end, also when a test fails. Run with ``make test-cluster``.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
HOST = "127.0.0.1"
ORG = "cluster-provincie"
PASSWORD = "cluster-coordinator-password-2026"
TOTP_KEY = secrets.token_hex(20)
HEALTH_TOKEN = secrets.token_urlsafe(24)

SETUP = textwrap.dedent(
    f"""
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from open_integriteit.accounts import services
    from open_integriteit.accounts.models import Role
    from open_integriteit.organisations.services import organisation_create
    org = organisation_create(name="Cluster Provincie", slug={ORG!r}, kind="province")
    user = services.user_create(organisation=org, username="coordinator", email="coordinator@example.invalid",
                                password={PASSWORD!r}, roles=[Role.COORDINATOR])
    services.totp_device_create(user=user, confirmed=True, key_hex={TOTP_KEY!r})
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)


@dataclass
class Cluster:
    env: dict[str, str]
    workdir: Path
    database_url: str
    redis_url: str
    prefix: str
    servers: dict[str, str] = field(default_factory=dict)  # name -> base URL
    processes: dict[str, Process] = field(default_factory=dict)

    # ------------------------------------------------------------------ processes
    def start_server(self, name: str) -> None:
        port = _free_port()
        log = self.workdir / f"{name}.log"
        command = [sys.executable, "-m", "gunicorn", "open_integriteit.wsgi:application", "--bind", f"{HOST}:{port}"]
        command += ["--workers", "2", "--threads", "2", "--graceful-timeout", "5"]
        env = {**self.env, "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / f"metrics-{name}")}
        self._spawn(name, command, env, log)
        self.servers[name] = f"http://{HOST}:{port}"
        self._wait_ready(name)

    def start_worker(self, name: str) -> None:
        self._spawn(name, [sys.executable, "manage.py", "qcluster"], self.env, self.workdir / f"{name}.log")

    def _spawn(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        handle = open(log, "ab")  # noqa: SIM115 - the child owns it
        popen = subprocess.Popen(
            command, cwd=SRC, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = Process(name, popen, log)

    def _wait_ready(self, name: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[name].popen.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{self.processes[name].log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.servers[name] + "/gezondheid/klaar", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{name} not ready:\n{self.processes[name].log.read_text()[-3000:]}")

    def stop_all(self) -> None:
        for process in self.processes.values():
            process.stop(signal.SIGINT if process.name.startswith("worker") else signal.SIGTERM)

    # ------------------------------------------------------------------ inspection
    def sql(self, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return list(conn.execute(query, params).fetchall())  # type: ignore[arg-type]

    def manage(self, *args: str, code: str | None = None) -> str:
        command = [sys.executable, "manage.py", *args] if code is None else [sys.executable, "-c", code]
        result = subprocess.run(command, cwd=SRC, env=self.env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def forget_throttle(self) -> None:
        """A new window for the receipt throttle (the throttle test used up this client's)."""
        import redis

        client = redis.Redis.from_url(self.redis_url)
        for key in client.scan_iter(match=f"{self.prefix}:oi:rate:*", count=500):
            client.delete(key)

    def logs(self) -> str:
        return "".join(p.log.read_text(errors="replace") for p in self.processes.values())


def _redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    admin_url = os.environ.get("OI_CLUSTER_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_base = os.environ.get("OI_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/14")
    if not _redis_available(redis_base):
        pytest.fail(f"Redis does not answer at {redis_base} (make test-cluster starts it)")
    name = f"oi_cluster_{os.getpid()}"
    database_url = urlunparse(urlparse(admin_url)._replace(path=f"/{name}"))
    _pg_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg_admin(admin_url, f'CREATE DATABASE "{name}"')
    workdir = Path(tempfile.mkdtemp(prefix="oi-cluster-"))
    prefix = f"oi_cluster_{os.getpid()}_{secrets.token_hex(3)}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OI_", "PROMETHEUS")) and k != "DATABASE_URL"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.dev",
            "OI_ENV_FILE": str(workdir / "none.env"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "OI_ENCRYPTION_KEYS": f"c1:{base64.b64encode(os.urandom(32)).decode()}",
            "OI_ACTIVE_KEY_ID": "c1",
            "OI_RECEIPT_PEPPER": base64.b64encode(os.urandom(32)).decode(),
            "OI_AUDIT_KEY": f"a1:{base64.b64encode(os.urandom(32)).decode()}",
            # One key for the hashed client addresses on every server, or each would count apart.
            "OI_CLIENT_HASH_KEY": secrets.token_urlsafe(32),
            # The bursts come from one address: the submission limits would refuse most of them.
            "OI_SUBMISSION_LIMIT_CLIENT": "0",
            "OI_SUBMISSION_LIMIT_ORGANISATION": "0",
            "OI_VAR_DIR": str(workdir),
            "OI_FILE_ROOT": str(workdir / "files-never-used"),
            "OI_FILE_STORAGE": "database",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_base,
            "OI_REDIS_PREFIX": prefix,
            "OI_HEALTH_TOKEN": HEALTH_TOKEN,
            "OI_LOG_FORMAT": "json",
            "OI_BASE_URL": "http://127.0.0.1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    running = Cluster(env, workdir, database_url, redis_base, prefix)
    try:
        running.manage(code=SETUP)
        for server in ("a", "b"):
            running.start_server(server)
        for worker in ("worker1", "worker2"):
            running.start_worker(worker)
        yield running
    finally:
        running.stop_all()
        import redis

        client = redis.Redis.from_url(redis_base)
        for key in client.scan_iter(match=f"*{prefix}*", count=500):
            client.delete(key)
        _pg_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if os.environ.get("OI_CLUSTER_KEEP"):
            print(f"cluster logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
