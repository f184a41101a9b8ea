"""The deciders' and the register clerk's writes on declarations (DOMAIN.md §4.5–4.7):

- a decision — approve, approve with a restriction, refuse — always with a reason, made
  through ``services.declaration_transition`` (the transition table and ``access`` decide
  who may); after it is stored the declarant is told by mail that there is a decision,
  nothing more (``notify_declarant``);
- where a handed-in gift goes (``gift_record_destination``): gifts above the organisation's
  threshold are handed in, the register clerk records the date and the destination;
- the organisation's register settings (``register_settings_update``).

Audit events hold codes and ids only.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from open_integriteit.access import declarations as access
from open_integriteit.audit.services import audit_log
from open_integriteit.people.models import Person

from .models import Declaration, GiftDestination, RegisterSettings
from .selectors import gift_above_threshold, threshold_of
from .services import declaration_transition
from .workflow import BY_NAME, State

logger = logging.getLogger(__name__)

#: The decisions a decider chooses from: transitions of ``workflow.TRANSITIONS``.
DECISIONS: tuple[str, ...] = ("approve", "approve_restricted", "refuse")
DECISION_CHOICES = [(name, BY_NAME[name].label) for name in DECISIONS]

#: Where the declarant reads the decision (the declarant's pages, ``urls_declarant``).

#: States in which a gift above the threshold is (still) to be handed in and given a
#: destination: submitted or decided. A draft is not declared yet; a withdrawn one was
#: taken back by the declarant.
GIFT_STATES = frozenset({State.SUBMITTED, State.APPROVED, State.RESTRICTED, State.REFUSED, State.ENDED})


# --- Decisions -------------------------------------------------------------------------------


def declaration_decide(
    *,
    declaration: Declaration,
    by: Any,
    decision: str,
    reason: str,
    restriction: str = "",
    request: HttpRequest | None = None,
) -> Declaration:
    """Decide on a submitted declaration as its decider, with a reason (and for a
    restricted approval the restriction the public register shows). The declarant is
    told by mail once the decision is stored. Anyone else, or a declaration that is no
    longer waiting (decided, withdrawn, decided a moment ago by another decider), is
    refused with PermissionDenied."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    with transaction.atomic():
        decided = declaration_transition(
            declaration=declaration,
            name=decision,
            by=by,
            reason=reason,
            restriction=restriction,
            request=request,
        )
        _notify_declarant_on_commit(decided)
    return decided


def _notify_declarant_on_commit(declaration: Declaration) -> None:
    declaration_id = declaration.pk

    def enqueue() -> None:
        from django_q.tasks import async_task

        async_task("open_integriteit.declarations.decisions.notify_declarant", declaration_id)

    transaction.on_commit(enqueue)


def declarant_address(person: Person) -> str:
    """The person's own e-mail address in the register, else their account's."""
    if person.email.strip():
        return person.email.strip()
    return person.user.email if person.user_id and person.user and person.user.email else ""


def notify_declarant(declaration_id: int) -> bool:
    """Worker job: tell the declarant that there is a decision, and where to read it. The
    mail says nothing about the declaration or the decision. True when a mail went out."""
    declaration = Declaration.objects.select_related("person__user", "organisation").filter(pk=declaration_id).first()
    if declaration is None:
        return False
    address = declarant_address(declaration.person)
    if not address:
        return False
    link = django_settings.OI_BASE_URL.rstrip("/") + reverse("declarations:my_overview")
    with translation.override("nl"):
        send_mail(
            subject=_("There is a decision on your declaration"),
            message=_(
                "There is a decision on a declaration you made at %(organisation)s.\n\n"
                "Log in to read it under your declarations: %(url)s\n\n"
                "This e-mail contains nothing about the declaration itself."
            )
            % {"organisation": declaration.organisation.name, "url": link},
            from_email=None,
            recipient_list=[address],
        )
    return True


# --- Gifts -----------------------------------------------------------------------------------


def gift_threshold(organisation_id: int) -> Decimal:
    return threshold_of(organisation_id)


def must_be_handed_in(declaration: Declaration, threshold: Decimal) -> bool:
    """A gift (not an invitation) that was accepted, worth more than the threshold, and
    declared (submitted or decided) is handed in."""
    return gift_above_threshold(declaration, threshold) and declaration.state in GIFT_STATES


def gift_record_destination(
    *,
    declaration: Declaration,
    by: Any,
    handed_in_on: dt.date | None,
    destination: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Declaration:
    """The register clerk records when a gift was handed in and where it went (returned,
    kept, raffled, to charity, shared in the team), with a note. A later correction is
    recorded the same way and audited again."""
    if not access.can_record_gift_destination(by, declaration):
        raise PermissionDenied
    with transaction.atomic():
        current = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if not access.can_record_gift_destination(by, current):
            raise PermissionDenied
        if not must_be_handed_in(current, gift_threshold(current.organisation_id)):
            raise ValidationError(_("This gift does not have to be handed in."))
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if handed_in_on is None:
            errors["handed_in_on"] = _("Give the date the gift was handed in.")
        elif handed_in_on > today:
            errors["handed_in_on"] = _("The date cannot be in the future.")
        elif current.received_on and handed_in_on < current.received_on:
            errors["handed_in_on"] = _("The gift cannot have been handed in before it was received.")
        if destination not in GiftDestination.values:
            errors["destination"] = _("Choose where the gift goes.")
        if errors:
            raise ValidationError(errors)
        correction = bool(current.destination)
        current.handed_in_on = handed_in_on
        current.destination = destination
        current.destination_note = note.strip()
        current.destination_recorded_at = timezone.now()
        current.destination_recorded_by = by
        current.full_clean()
        current.save(
            update_fields=[
                "handed_in_on",
                "destination",
                "destination_note",
                "destination_recorded_at",
                "destination_recorded_by",
                "updated_at",
            ]
        )
        audit_log(
            action="declarations.gift_destination_recorded",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
            details={"destination": destination, "correction": correction},
        )
    declaration.refresh_from_db()
    return declaration


# --- Register settings -----------------------------------------------------------------------

SETTINGS_FIELDS = (
    "gift_threshold",
    "decision_reminder_days",
    "decision_escalation_days",
    "publication_history_months",
    "council_clerk",
    "executive_secretary",
)


def register_settings_update(
    *,
    organisation_id: int,
    by: Any,
    gift_threshold: Decimal,
    decision_reminder_days: int,
    decision_escalation_days: int,
    publication_history_months: int,
    council_clerk: Person | None,
    executive_secretary: Person | None,
    request: HttpRequest | None = None,
) -> RegisterSettings:
    """The register clerk or coordinator sets the gift threshold, when deciders are reminded
    and the coordinators alerted, how long ended records stay in the published history, and
    who decides for the officials (people of the organisation, in service)."""
    if not access.can_manage_register_settings(by, organisation_id):
        raise PermissionDenied
    errors: dict[str, str] = {}
    today = timezone.localdate()
    for name, chosen in (("council_clerk", council_clerk), ("executive_secretary", executive_secretary)):
        if chosen is not None and (chosen.organisation_id != organisation_id or not chosen.is_active_on(today)):
            errors[name] = _("Choose a person of the organisation who is in service.")
    if decision_escalation_days <= decision_reminder_days:
        errors["decision_escalation_days"] = _("Escalate later than the reminder.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        RegisterSettings.objects.get_or_create(organisation_id=organisation_id)  # the row exists, with defaults
        current = RegisterSettings.objects.select_for_update().get(organisation_id=organisation_id)
        new_values: dict[str, Any] = {
            "gift_threshold": gift_threshold,
            "decision_reminder_days": decision_reminder_days,
            "decision_escalation_days": decision_escalation_days,
            "publication_history_months": publication_history_months,
            "council_clerk": council_clerk,
            "executive_secretary": executive_secretary,
        }
        changed = [name for name in SETTINGS_FIELDS if getattr(current, name) != new_values[name]]
        for name, value in new_values.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
        audit_log(
            action="declarations.settings_changed",
            actor=by,
            organisation_id=organisation_id,
            target=current,
            request=request,
            details={name: name in changed for name in SETTINGS_FIELDS},
        )
    return current
