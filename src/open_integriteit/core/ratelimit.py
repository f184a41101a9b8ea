"""Fixed-window counters for limits on anonymous traffic (ADR 0004).

One small component for every such limit: receipt-code guesses and web submissions.
``hit`` counts one event and returns the count *including* that event in one atomic step,
so parallel requests can never all read "still below the limit": per window exactly
``limit`` events get through, however many arrive at once.

Where the counters live:

- by default in the database table ``core_ratecounter``: one
  ``INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 RETURNING hits`` (SQLite ≥ 3.35
  and PostgreSQL alike). Expired rows are deleted by the worker every hour
  (``purge_expired``) and, at most every few minutes, by a web process that counts;
- in Redis when ``REDIS_URL`` is set: ``SET NX EX`` and ``INCR`` in one ``MULTI``;
  Redis expires the keys itself.

A client is counted by ``client_subject``: an HMAC of its address under a key that
changes every day and is derived from a secret that only the running server holds
(``OI_CLIENT_HASH_KEY``, generated in memory by ``gunicorn.conf.py`` at start). It is not
derived from ``SECRET_KEY`` and is stored nowhere, so whoever gets the database, its
backups and every configuration file still cannot test which address a row belongs to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .client import client_address
from .models import RateCounter

# Used when the server did not provide OI_CLIENT_HASH_KEY (manage.py runserver, tests, a
# single process): random per process, never written anywhere.
_PROCESS_SECRET = secrets.token_bytes(32)
OPPORTUNISTIC_PURGE_EVERY = dt.timedelta(minutes=5)
_next_purge_at: dt.datetime | None = None


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` events per ``window_seconds`` and subject; 0 means no limit."""

    scope: str
    limit: int
    window_seconds: int


@dataclass(frozen=True)
class Count:
    """The outcome of one ``hit``: the events in this window so far, this one included."""

    bucket: str
    hits: int
    limit: int
    resets_at: dt.datetime

    @property
    def exceeded(self) -> bool:
        return self.limit > 0 and self.hits > self.limit


def client_subject(request: HttpRequest, *, now: dt.datetime | None = None) -> str:
    """The client as a counter subject: HMAC(K_day, address), never the address."""
    day = (now or timezone.now()).strftime("%Y-%m-%d")
    return hmac.new(_day_key(_secret(), day), client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def _secret() -> bytes:
    configured: str = settings.OI_CLIENT_HASH_KEY
    return configured.encode() if configured else _PROCESS_SECRET


@lru_cache(maxsize=2)
def _day_key(secret: bytes, day: str) -> bytes:
    return hmac.new(secret, f"open-integriteit client counter v1:{day}".encode(), hashlib.sha256).digest()


def hit(limit: Limit, subject: str, *, now: dt.datetime | None = None) -> Count:
    """Count one event of ``subject`` under ``limit``; atomic across threads and processes."""
    now = now or timezone.now()
    window = int(now.timestamp()) // limit.window_seconds
    resets_at = dt.datetime.fromtimestamp((window + 1) * limit.window_seconds, tz=dt.UTC)
    bucket = f"{limit.scope}:{limit.window_seconds}:{window}:{subject}"
    if limit.limit <= 0:
        return Count(bucket, 0, 0, resets_at)
    if settings.REDIS_URL:
        hits = _redis_hit(bucket, resets_at, now)
    else:
        hits = _db_hit(bucket, resets_at)
        _purge_now_and_then(now)
    return Count(bucket, hits, limit.limit, resets_at)


def counted_in_database() -> bool:
    """Whether ``hit`` writes in the database, so that a rollback also undoes it (without
    Redis); counts in Redis stay, whatever happens to the transaction around them."""
    return not settings.REDIS_URL


def give_back(count: Count) -> None:
    """Undo one counted event (it turned out not to count, e.g. a correct receipt code)."""
    if count.limit <= 0:
        return
    if settings.REDIS_URL:
        _redis().eval(_REDIS_DECREMENT, 1, _redis_key(count.bucket))
    else:
        RateCounter.objects.filter(bucket=count.bucket, hits__gt=0).update(hits=F("hits") - 1)


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the counters of windows that have ended. Run hourly by the worker."""
    deleted, _ = RateCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def _db_hit(bucket: str, expires_at: dt.datetime) -> int:
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('bucket')}, {quote('hits')}, {quote('expires_at')}) "  # noqa: S608
            f"VALUES (%s, 1, %s) ON CONFLICT ({quote('bucket')}) "
            f"DO UPDATE SET {quote('hits')} = {table}.{quote('hits')} + 1 RETURNING {quote('hits')}",
            [bucket, connection.ops.adapt_datetimefield_value(expires_at)],
        )
        row = cursor.fetchone()
    return int(row[0])


def _purge_now_and_then(now: dt.datetime) -> None:
    global _next_purge_at
    if _next_purge_at is None or now >= _next_purge_at:
        _next_purge_at = now + OPPORTUNISTIC_PURGE_EVERY
        purge_expired(now)


# --------------------------------------------------------------------------- Redis

_REDIS_DECREMENT = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0"


@lru_cache(maxsize=2)
def _redis_client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _redis() -> Any:
    return _redis_client(settings.REDIS_URL)


def _redis_key(bucket: str) -> str:
    """Under the installation's Redis prefix, like the cache and the job queue (ADR 0014)."""
    return f"{settings.OI_REDIS_PREFIX}:oi:rate:{bucket}"


def _redis_hit(bucket: str, resets_at: dt.datetime, now: dt.datetime) -> int:
    ttl = max(1, int((resets_at - now).total_seconds()) + 1)
    key = _redis_key(bucket)
    pipe = _redis().pipeline(transaction=True)
    pipe.set(key, 0, ex=ttl, nx=True)
    pipe.incr(key)
    _created, hits = pipe.execute()
    return int(hits)
