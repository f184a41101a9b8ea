"""Writes on the contact log. Keep it small: every write is here, typed, keyword-only, atomic
and audited. Audit details hold ids only — never a topic, a date or a count of a contact.

Per adviser and year the counts come either contact by contact or as year totals, never
both: otherwise the annual report would count the same contacts twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import consultations as access
from open_integriteit.audit.services import audit_log
from open_integriteit.figures.services import refuse_when_entered

from .models import MIN_YEAR, Adviser, AdviserKind, Contact, Referral, YearTotal

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.lists.models import ListEntry
    from open_integriteit.organisations.models import Organisation


@dataclass(frozen=True)
class TopicTotal:
    """What an external service enters for one topic in a year. All zero: no row."""

    topic: ListEntry
    contacts: int
    conversations: int
    led_to_report: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.contacts or self.conversations or self.led_to_report)


def _require_coordinator(by: User, organisation_id: int) -> None:
    if not access.can_oversee(by, organisation_id):
        raise PermissionDenied


def _require_own_log(by: User, adviser: Adviser) -> None:
    if not access.can_keep_log(by, adviser):
        raise PermissionDenied


# Advisers ----------------------------------------------------------------------------------


def _check_account(*, organisation_id: int, by: User, user: User | None, adviser: Adviser | None) -> None:
    """The account that keeps a log: an active confidential adviser of the organisation, never a
    coordinator or administrator (the adviser is independent of the reporting point)."""
    if user is None:
        return
    if user.organisation_id != organisation_id or not access.may_keep_a_log(user) or user.pk == by.pk:
        raise ValidationError({"user": _("Choose an active confidential adviser of your organisation.")})
    others = Adviser.objects.filter(user=user)
    if adviser is not None:
        others = others.exclude(pk=adviser.pk)
    if others.exists():
        raise ValidationError({"user": _("This account already keeps the log of another adviser.")})


def adviser_create(
    *,
    organisation: Organisation,
    by: User,
    kind: str,
    display_name: str,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> Adviser:
    """Register an internal adviser or an external service, optionally with the account that keeps its log."""
    _require_coordinator(by, organisation.pk)
    _check_account(organisation_id=organisation.pk, by=by, user=user, adviser=None)
    with transaction.atomic():
        adviser = Adviser(organisation=organisation, kind=kind, display_name=display_name.strip(), user=user)
        adviser.full_clean()
        adviser.save()
        audit_log(
            action="consultation.adviser_created",
            actor=by,
            target=adviser,
            request=request,
            details={"kind": adviser.kind, "user_id": user.pk if user else None},
        )
    return adviser


def adviser_update(
    *,
    adviser: Adviser,
    by: User,
    display_name: str,
    user: User | None,
    active: bool,
    request: HttpRequest | None = None,
) -> Adviser:
    """Rename, hand the log to another account (e.g. a new person at the bureau), or switch off.

    The log itself holds no names, so a new account may see what its predecessor logged.
    """
    _require_coordinator(by, adviser.organisation_id)
    _check_account(organisation_id=adviser.organisation_id, by=by, user=user, adviser=adviser)
    with transaction.atomic():
        previous_user_id = adviser.user_id
        adviser.display_name = display_name.strip()
        adviser.user = user
        adviser.active = active
        adviser.full_clean()
        adviser.save()
        audit_log(
            action="consultation.adviser_changed",
            actor=by,
            target=adviser,
            request=request,
            details={
                "user_id": user.pk if user else None,
                "previous_user_id": previous_user_id,
                "active": active,
            },
        )
    return adviser


# The log -----------------------------------------------------------------------------------


def _check_date(date: dt.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if date.year < MIN_YEAR:
        raise ValidationError({"date": _("Enter a date from %(year)d onwards.") % {"year": MIN_YEAR}})


CONTACT_KEYS = ("consultations.contacts",)


def _check_no_entered_total(adviser: Adviser, on: dt.date | int, field: str) -> None:
    """A year with an entered total of contacts has no records (figures, ADR 0025)."""
    refuse_when_entered(organisation=adviser.organisation, keys=CONTACT_KEYS, on=on, field=field)


def _check_no_year_totals(adviser: Adviser, year: int) -> None:
    if YearTotal.objects.filter(adviser=adviser, year=year).exists():
        raise ValidationError(
            {
                "date": _(
                    "Year totals have been entered for %(year)d. Log contacts one by one or enter year "
                    "totals, not both: remove the year totals first."
                )
                % {"year": year}
            }
        )


def contact_log(
    *,
    adviser: Adviser,
    by: User,
    date: dt.date,
    topic: ListEntry,
    conversations: int,
    led_to_report: bool,
    referral: str = Referral.NONE,
    request: HttpRequest | None = None,
) -> Contact:
    """Log one contact in the adviser's own log."""
    _require_own_log(by, adviser)
    _check_date(date)
    if not topic.active:
        raise ValidationError({"topic": _("This topic is no longer in use. Choose another one.")})
    _check_no_year_totals(adviser, date.year)
    with transaction.atomic():
        _check_no_entered_total(adviser, date, "date")
        contact = Contact(
            organisation_id=adviser.organisation_id,
            adviser=adviser,
            date=date,
            topic=topic,
            conversations=conversations,
            led_to_report=led_to_report,
            referral=referral,
        )
        contact.full_clean()
        contact.save()
        audit_log(
            action="consultation.contact_logged",
            actor=by,
            target=contact,
            request=request,
            details={"adviser_id": adviser.pk},
        )
    return contact


def contact_update(
    *,
    contact: Contact,
    by: User,
    date: dt.date,
    topic: ListEntry,
    conversations: int,
    led_to_report: bool,
    referral: str,
    request: HttpRequest | None = None,
) -> Contact:
    """Correct an entry of the adviser's own log."""
    _require_own_log(by, contact.adviser)
    _check_date(date)
    if not topic.active and topic.pk != contact.topic_id:
        raise ValidationError({"topic": _("This topic is no longer in use. Choose another one.")})
    if date.year != contact.date.year:
        _check_no_year_totals(contact.adviser, date.year)
    with transaction.atomic():
        if date.year != contact.date.year:
            _check_no_entered_total(contact.adviser, date, "date")
        contact.date = date
        contact.topic = topic
        contact.conversations = conversations
        contact.led_to_report = led_to_report
        contact.referral = referral
        contact.full_clean()
        contact.save()
        audit_log(
            action="consultation.contact_changed",
            actor=by,
            target=contact,
            request=request,
            details={"adviser_id": contact.adviser_id},
        )
    return contact


def contact_delete(*, contact: Contact, by: User, request: HttpRequest | None = None) -> None:
    """Remove an entry from the adviser's own log (e.g. logged twice by mistake)."""
    _require_own_log(by, contact.adviser)
    with transaction.atomic():
        audit_log(
            action="consultation.contact_deleted",
            actor=by,
            target=contact,
            request=request,
            details={"adviser_id": contact.adviser_id},
        )
        contact.delete()


def year_totals_save(
    *, adviser: Adviser, by: User, year: int, totals: list[TopicTotal], request: HttpRequest | None = None
) -> list[YearTotal]:
    """Save an external service's totals for one year, per topic. A topic left at zero has no row.

    Refused for internal advisers, for the future, and for a year the service already logged
    contact by contact (that would count the same contacts twice).
    """
    _require_own_log(by, adviser)
    if adviser.kind != AdviserKind.EXTERNAL:
        raise ValidationError(_("Only an external service enters year totals; log contacts one by one."))
    if not MIN_YEAR <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Choose a year up to and including this year.")})
    if Contact.objects.filter(adviser=adviser, date__year=year).exists():
        raise ValidationError(
            {
                "year": _(
                    "Contacts have been logged one by one for %(year)d; they are counted already. "
                    "Enter year totals only for a year without logged contacts."
                )
                % {"year": year}
            }
        )
    saved: list[YearTotal] = []
    with transaction.atomic():
        if any(not entry.is_empty for entry in totals):
            _check_no_entered_total(adviser, year, "year")
        existing = {t.topic_id: t for t in YearTotal.objects.select_for_update().filter(adviser=adviser, year=year)}
        for entry in totals:
            if entry.topic.organisation_id != adviser.organisation_id:
                raise ValidationError(_("Choose a topic of your own organisation."))
            record = existing.get(entry.topic.pk)
            if entry.is_empty:
                if record is not None:
                    audit_log(
                        action="consultation.year_total_deleted",
                        actor=by,
                        target=record,
                        request=request,
                        details={"adviser_id": adviser.pk, "year": year, "topic_id": entry.topic.pk},
                    )
                    record.delete()
                continue
            if record is None:
                record = YearTotal(
                    organisation_id=adviser.organisation_id, adviser=adviser, year=year, topic=entry.topic
                )
            elif (record.contacts, record.conversations, record.led_to_report) == (
                entry.contacts,
                entry.conversations,
                entry.led_to_report,
            ):
                saved.append(record)
                continue
            record.contacts = entry.contacts
            record.conversations = entry.conversations
            record.led_to_report = entry.led_to_report
            record.full_clean()
            record.save()
            audit_log(
                action="consultation.year_total_saved",
                actor=by,
                target=record,
                request=request,
                details={"adviser_id": adviser.pk, "year": year, "topic_id": entry.topic.pk},
            )
            saved.append(record)
    return saved
