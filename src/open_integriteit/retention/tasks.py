"""The django-q2 worker's daily job (schedule "retention", migration 0002).

With several servers and workers only one run goes at a time: the others find the lock
taken and skip (``core.locks``, ADR 0014)."""

from __future__ import annotations

from open_integriteit.core.locks import held_once

from .runner import run_retention


def retention_run() -> int:
    with held_once("retention") as mine:
        return run_retention() if mine else 0
