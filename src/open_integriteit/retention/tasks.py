"""The django-q2 worker's daily job (schedule "retention", migration 0002)."""

from __future__ import annotations

from .runner import run_retention


def retention_run() -> int:
    return run_retention()
