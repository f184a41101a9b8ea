"""Background jobs of the core app (django-q2 worker)."""

from __future__ import annotations

from .ratelimit import purge_expired


def purge_rate_counters() -> int:
    """Hourly: delete the counters of ended windows (ADR 0004)."""
    return purge_expired()
