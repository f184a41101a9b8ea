"""The counter behind every limit on anonymous traffic: atomic under real concurrency,
on the database and on Redis, purged when expired, keyed without addresses."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from open_integriteit.core import ratelimit
from open_integriteit.core.models import RateCounter
from open_integriteit.core.tasks import purge_rate_counters
from open_integriteit.reports import throttle


def _in_threads(count: int, work) -> list:
    results: list = [None] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_on_the_database_are_counted_exactly():
    limit = ratelimit.Limit("test", 10, 900)
    counts = _in_threads(24, lambda i: ratelimit.hit(limit, "subject").hits)
    assert sorted(counts) == list(range(1, 25))
    assert sum(1 for hits in counts if hits <= limit.limit) == 10


@pytest.mark.django_db(transaction=True)
def test_parallel_receipt_guesses_get_exactly_ten_answers_per_window(org):
    url = reverse("reports:mailbox_login", args=[org.slug])

    def guess(index: int) -> bool:
        response = Client().post(url, {"code": f"{index:016d}"}, REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="en")
        page = response.content.decode()
        assert ("Too many wrong codes" in page) != ("This receipt code is not known" in page)
        return "Too many wrong codes" in page

    blocked = _in_threads(16, guess)
    assert blocked.count(False) == throttle.CLIENT_LIMIT
    assert blocked.count(True) == 16 - throttle.CLIENT_LIMIT


@pytest.mark.django_db
def test_counters_on_redis_are_atomic_and_expire(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    limit = ratelimit.Limit(f"test-{uuid.uuid4().hex}", 5, 60)
    counts = _in_threads(12, lambda i: ratelimit.hit(limit, "subject").hits)
    assert sorted(counts) == list(range(1, 13))
    last = ratelimit.hit(limit, "subject")
    key = ratelimit._redis_key(last.bucket)
    assert 0 < ratelimit._redis().ttl(key) <= 61
    ratelimit.give_back(last)
    assert int(ratelimit._redis().get(key)) == 12
    ratelimit._redis().delete(key)
    assert not RateCounter.objects.exists()  # nothing went to the database


@pytest.mark.django_db
def test_expired_counters_are_purged_by_the_worker_and_by_counting(settings):
    limit = ratelimit.Limit("test", 10, 60)
    start = timezone.now()
    ratelimit.hit(limit, "old", now=start)
    assert RateCounter.objects.count() == 1
    later = start + dt.timedelta(minutes=2)
    assert purge_rate_counters() == 0  # not yet expired by the clock of the test
    ratelimit._next_purge_at = None
    ratelimit.hit(limit, "new", now=later)  # counting purges now and then
    assert list(RateCounter.objects.values_list("bucket", flat=True)) == [f"test:60:{int(later.timestamp()) // 60}:new"]
    assert ratelimit.purge_expired(now=later + dt.timedelta(minutes=2)) == 1
    assert not RateCounter.objects.exists()


@pytest.mark.django_db
def test_a_client_is_counted_by_a_keyed_hash_not_by_its_address(rf, settings):
    request = rf.get("/", REMOTE_ADDR="198.51.100.23")
    first = ratelimit.client_subject(request)
    assert "198.51.100.23" not in first and len(first) == 32
    assert ratelimit.client_subject(request) == first
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert ratelimit.client_subject(request, now=tomorrow) != first  # a new key every day
    settings.OI_CLIENT_HASH_KEY = "another-start-of-the-server"
    assert ratelimit.client_subject(request) != first
