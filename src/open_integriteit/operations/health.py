"""Readiness probes: can this server serve requests? Each returns a short code, never a secret."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction


@dataclass(frozen=True)
class Probe:
    name: str
    ok: bool
    code: str
    seconds: float
    critical: bool = True


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    cache.set("oi:health:probe", "1", 10)
    if cache.get("oi:health:probe") != "1":
        raise RuntimeError("read back failed")
    return "ok"


def _keys() -> str:
    from open_integriteit.encryption.checks import check_keys

    errors = check_keys()
    if errors:
        raise RuntimeError(",".join(str(error.id) for error in errors))
    return "ok"


def _storage() -> str:
    """Write, read back and remove a small encrypted file (a rolled-back write on the database)."""
    from open_integriteit.encryption import storage

    payload = b"oi-health-probe"
    if settings.OI_FILE_STORAGE == "database":
        with transaction.atomic():
            name, _ = storage.save_encrypted(payload)
            ok = storage.read_decrypted(name) == payload
            transaction.set_rollback(True)
    else:
        name, _ = storage.save_encrypted(payload)
        try:
            ok = storage.read_decrypted(name) == payload
        finally:
            storage.delete(name)
    if not ok:
        raise RuntimeError("read back failed")
    return settings.OI_FILE_STORAGE


def worker_clusters() -> int:
    """Background workers alive now (each refreshes its status every half second)."""
    from django_q.status import Stat

    return len(Stat.get_all())


def _worker() -> str:
    clusters = worker_clusters()
    if clusters == 0:
        raise RuntimeError("no worker")
    return f"{clusters} running"


PROBES: list[tuple[str, Callable[[], str], bool]] = [
    ("database", _database, True),
    ("redis", _redis, True),
    ("keys", _keys, True),
    ("storage", _storage, True),
    # Not critical: without a worker no reminders go out, but reports are still received;
    # taking every server out of the load balancer would stop the reporting point itself.
    ("worker", _worker, False),
]


def run_probes() -> list[Probe]:
    results = []
    for name, probe, critical in PROBES:
        start = time.perf_counter()
        try:
            code, ok = probe(), True
        except Exception as exc:  # a probe that fails in any way means "not ready"
            code, ok = type(exc).__name__ if not isinstance(exc, RuntimeError) else str(exc), False
        results.append(Probe(name, ok, code, round(time.perf_counter() - start, 4), critical))
    return results
