"""Worker tasks of the regulations register (scheduled in migration 0002)."""

from __future__ import annotations

from .reminders import send_review_reminders


def send_regulation_review_reminders() -> int:
    return send_review_reminders()
