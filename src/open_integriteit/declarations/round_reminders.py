"""The reminders of the update rounds (ADR 0023), run by the worker: the daily job (schedule
"round-reminders") and the mails queued when a round starts on its opening day or the clerk
sends the last reminder. Each reminder is claimed once per round, stage and recipient
(``core/reminders.py``); mails carry no content: the due date and the link to "my
declarations"."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.accounts.models import User
from open_integriteit.core.formatting import long_date
from open_integriteit.core.reminders import Mail, remind_once

from .models import RoundReminder, RoundStage, UpdateRound
from .rounds import people_in_scope

#: The declarant's page that every reminder links to (built by the declarant part).


def _round_mail(claim: RoundReminder) -> Mail:
    update_round = claim.round
    url = settings.OI_BASE_URL.rstrip("/") + reverse("declarations:my_overview")
    if claim.stage == RoundStage.LAST:
        subject = _("Last reminder: your declarations are asked for")
    elif claim.stage == RoundStage.BEFORE_DUE:
        subject = _("Reminder: your declarations are asked for")
    else:
        subject = _("Your declarations are asked for")
    body = _(
        "The register of your organisation asks you to declare, or to answer that nothing changed, "
        "by %(date)s. Log in and see what is asked of you: %(url)s"
    ) % {"date": long_date(update_round.due_on), "url": url}
    return Mail(subject=subject, body=body)


def remind_round(round_id: int, stage: str, today: dt.date | None = None) -> int:
    """Remind every account of a person in scope who has not completed the round, once per
    stage. Returns the number of mails queued."""
    update_round = UpdateRound.objects.filter(pk=round_id, closed_at__isnull=True).first()
    if update_round is None:
        return 0
    pending = people_in_scope(update_round, today).filter(done=False, user__isnull=False)
    recipients = User.objects.filter(
        organisation_id=update_round.organisation_id, is_active=True, person__in=pending.values("pk")
    ).exclude(email="")
    queued = 0
    for user in recipients:
        if remind_once(model=RoundReminder, compose=_round_mail, round=update_round, stage=stage, recipient=user):
            queued += 1
    return queued


def send_round_reminders(today: dt.date | None = None) -> int:
    """Daily (schedule "round-reminders"): for every open round up to its due date, the
    reminder at the start (also for someone who came into scope later) and the one
    ``reminder_days_before`` days before the due date; each once per person."""
    today = today or timezone.localdate()
    queued = 0
    due = UpdateRound.objects.filter(closed_at__isnull=True, opens_on__lte=today, due_on__gte=today)
    for update_round in due.order_by("pk"):
        queued += remind_round(update_round.pk, RoundStage.START, today)
        if today >= update_round.due_on - dt.timedelta(days=update_round.reminder_days_before):
            queued += remind_round(update_round.pk, RoundStage.BEFORE_DUE, today)
    return queued
