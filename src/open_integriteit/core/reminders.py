"""Claim-once reminders: every reminder mail is sent at most once, whoever runs the job.

An app keeps one table per kind of reminder, a subclass of ``core.models.ReminderClaim``
with a foreign key to what the reminder is about, its due date (and threshold), and a
unique constraint over those fields and the recipient. ``remind_once`` then:

1. claims the reminder by inserting its row in its own transaction: the unique
   constraint lets exactly one run, worker or thread win (also across restarts);
2. sends the mail in ``transaction.on_commit``, so never for a claim that was rolled back;
3. marks the attempt *before* sending (``attempts``) and the outcome after it
   (``sent_at`` or ``failed_at``).

A mail that failed is tried once more, the next time the job finds the reminder still
due; a second failure is final. A delivery whose outcome is unknown (the process died
between marking the attempt and recording the outcome) is never repeated: a reminder is
at most once, never twice. Mails carry no case content (ADR 0006).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from .models import ReminderClaim

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 2  # the first delivery and one retry after a failure

Claim = TypeVar("Claim", bound=ReminderClaim)


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def absolute_url(viewname: str, *args: Any) -> str:
    """A link for a mail: ``OI_BASE_URL`` (the same for the web server and the worker)."""
    return settings.OI_BASE_URL.rstrip("/") + reverse(viewname, args=args)


def remind_once(*, model: type[Claim], compose: Callable[[Claim], Mail], **key: Any) -> bool:
    """Claim the reminder ``key`` (its fields, recipient included) and send it after commit.

    Returns True when a mail was queued: a new claim, or the one retry of a failed mail.
    ``compose`` builds the (Dutch) mail from the claim when it is sent.
    """
    try:
        with transaction.atomic():
            claim = model._default_manager.create(**key)
    except IntegrityError:
        claim = model._default_manager.filter(**key).first()  # type: ignore[assignment]
        if claim is None or claim.sent_at or not claim.failed_at or claim.attempts >= MAX_ATTEMPTS:
            return False  # sent, under way, of unknown outcome, or given up
    attempt = claim.attempts
    transaction.on_commit(lambda: deliver(claim, compose=compose, attempt=attempt))
    return True


def deliver(claim: Claim, *, compose: Callable[[Claim], Mail], attempt: int) -> bool:
    """Send a claimed reminder as delivery number ``attempt + 1``; True when the mail went out.

    The attempt is taken with a conditional update, so two deliveries of the same claim
    can never both send.
    """
    model = type(claim)
    taken = (
        model._default_manager.filter(pk=claim.pk, attempts=attempt, sent_at__isnull=True)
        .filter(Q(attempts=0) | Q(failed_at__isnull=False))
        .update(attempts=attempt + 1, failed_at=None)
    )
    if not taken:
        return False
    recipient = claim.recipient
    try:
        with translation.override("nl"):
            mail = compose(claim)
        send_mail(subject=mail.subject, message=mail.body, from_email=None, recipient_list=[recipient.email])
    except Exception as exc:
        model._default_manager.filter(pk=claim.pk).update(failed_at=timezone.now())
        logger.warning(
            "reminder %s #%s could not be sent (attempt %d of %d): %s",
            model._meta.label,
            claim.pk,
            attempt + 1,
            MAX_ATTEMPTS,
            type(exc).__name__,
        )
        return False
    model._default_manager.filter(pk=claim.pk).update(sent_at=timezone.now())
    return True
