"""Writes on declarations. Keep this module's surface small: every change of state goes
through ``declaration_transition``, which asks the transition table
(``declarations.workflow``) and ``access.declarations`` who may make it, records the event
with its reason and writes the audit event (codes and ids only).

The declarant's side: a draft is written by the person it is about only, and only while it
is a draft (``declaration_save_draft``, ``declaration_discard_draft``); submitting checks
that everything the kind asks for is there and stores the post the person holds
(``declaration_submit``); withdrawing and ending are transitions of the table.
"Nothing to declare" and "nothing changed" are answers that count (``nil_return_record``).
Every field is checked here, with a Dutch message per field (``validate``), so a form
and any other caller get the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import declarations as access
from open_integriteit.audit.services import audit_log

from .models import Answer, Declaration, DeclarationEvent, InterestKind, Kind, NilReturn, ValueBand
from .workflow import PENDING, PUBLISHABLE, State, allowed


def declaration_transition(
    *,
    declaration: Declaration,
    name: str,
    by: Any,
    reason: str = "",
    restriction: str = "",
    ends_on: dt.date | None = None,
    request: Any = None,
) -> Declaration:
    """Make the transition ``name`` of the table, as ``by``; refuse any other move."""
    with transaction.atomic():
        # Lock the row and read its current state: two deciders cannot both decide.
        current = Declaration.objects.select_for_update().get(pk=declaration.pk)
        transition = allowed(name, current.state, access.actors(by, current))
        if transition is None:
            raise PermissionDenied
        errors: dict[str, str] = {}
        if transition.needs_reason and not reason.strip():
            errors["reason"] = _("Give the reason for this decision.")
        if transition.needs_restriction and not restriction.strip():
            errors["restriction"] = _("Describe the restriction.")
        if transition.needs_end_date:
            if ends_on is None:
                errors["ends_on"] = _("Give the date it ended.")
            elif current.starts_on and ends_on < current.starts_on:
                errors["ends_on"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        source = current.state
        current.state = transition.target
        if transition.name == "submit":
            current.submitted_at = now
        if transition.target in (State.APPROVED, State.RESTRICTED, State.REFUSED):
            current.decided_at = now
            current.decided_by = by
            current.decision_reason = reason.strip()
            current.restriction = restriction.strip() if transition.needs_restriction else ""
        if transition.needs_end_date:
            current.ends_on = ends_on
        current.full_clean()
        current.save()
        DeclarationEvent.objects.create(
            declaration=current,
            transition=transition.name,
            from_state=source,
            to_state=transition.target,
            reason=reason.strip(),
            by=by,
            at=now,
        )
        audit_log(
            action="declarations.transition",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
            details={"transition": transition.name, "kind": current.kind, "from": source, "to": transition.target},
        )
    declaration.refresh_from_db()
    return declaration


# --- The declarant's side ------------------------------------------------------------------

#: What the declarant writes, per kind (the rest of a declaration is the decider's or clerk's).
FIELDS: dict[str, tuple[str, ...]] = {
    Kind.SIDE_JOB: (
        "body",
        "role",
        "hours_per_month",
        "paid",
        "by_virtue_of_office",
        "relation_to_work",
        "starts_on",
        "ends_on",
    ),
    Kind.FINANCIAL_INTEREST: ("interest_kind", "description", "value_band", "starts_on"),
    Kind.GIFT: ("giver", "occasion", "is_invitation", "estimated_value", "received_on", "accepted"),
}
#: What must be there before a declaration can be submitted (a draft may lack it).
REQUIRED: dict[str, tuple[str, ...]] = {
    Kind.SIDE_JOB: ("body", "role", "hours_per_month", "paid", "relation_to_work", "starts_on"),
    Kind.FINANCIAL_INTEREST: ("interest_kind", "description", "value_band"),
    Kind.GIFT: ("giver", "occasion", "estimated_value", "received_on", "accepted"),
}
TEXT_FIELDS = frozenset({"body", "role", "relation_to_work", "description", "giver", "occasion"})
TEXT_MAX = 2000
FLAGS = frozenset({"by_virtue_of_office", "is_invitation"})  # a checkbox: False when absent
MAX_HOURS = 744  # 31 days of 24 hours


def missing_messages() -> dict[str, str]:
    return {
        "body": _("Enter the employer or body."),
        "role": _("Enter the role or position."),
        "hours_per_month": _("Enter the hours a month (0 to 744)."),
        "paid": _("Choose whether the side job is paid."),
        "by_virtue_of_office": _("Choose in what capacity you hold the side job."),
        "relation_to_work": _("Describe the relation to your own work (or write that there is none)."),
        "starts_on": _("Enter the start date."),
        "interest_kind": _("Choose the kind of interest."),
        "description": _("Describe the interest."),
        "value_band": _("Choose the value."),
        "giver": _("Enter who gave the gift or invitation."),
        "occasion": _("Enter the occasion."),
        "estimated_value": _("Enter the estimated value in euros."),
        "received_on": _("Enter the date of the gift or invitation."),
        "accepted": _("Choose whether you accepted or refused it."),
    }


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def validate(*, kind: str, data: Mapping[str, Any], complete: bool, official: bool) -> dict[str, Any]:
    """The declarant's values of ``kind`` from ``data``, checked; raises ValidationError with a
    Dutch message per field. ``complete``: everything the kind asks for must be there (to
    submit); a draft may be incomplete but never wrong."""
    if kind not in FIELDS:
        raise ValidationError(_("Unknown kind of declaration."))
    values: dict[str, Any] = {}
    for name in FIELDS[kind]:
        value = data.get(name)
        if name in TEXT_FIELDS:
            value = (value or "").strip()
        elif name in FLAGS:
            value = bool(value)
        values[name] = value
    if kind == Kind.SIDE_JOB and not official:
        values["by_virtue_of_office"] = False  # q.q. is asked of officials only
    errors: dict[str, str] = {}
    today = timezone.localdate()
    for name in TEXT_FIELDS & set(values):
        if len(values[name]) > TEXT_MAX:
            errors[name] = _("Use at most %(max)d characters.") % {"max": TEXT_MAX}
    hours = values.get("hours_per_month")
    if hours is not None and not (isinstance(hours, int) and 0 <= hours <= MAX_HOURS):
        errors["hours_per_month"] = _("Enter the hours a month (0 to 744).")
    for name in ("starts_on", "ends_on", "received_on"):
        if values.get(name) is not None and not isinstance(values[name], dt.date):
            errors[name] = _("Enter a date.")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and ends < starts:
        errors["ends_on"] = _("The end cannot be before the start.")
    received = values.get("received_on")
    if isinstance(received, dt.date) and received > today:
        errors["received_on"] = _("The date cannot be in the future.")
    amount = values.get("estimated_value")
    if amount is not None:
        if not isinstance(amount, (Decimal, int)) or amount < 0:
            errors["estimated_value"] = _("Enter an amount of zero or more.")
        elif amount >= Decimal("100000000"):
            errors["estimated_value"] = _("Enter an amount below one hundred million euros.")
    if values.get("interest_kind") and values["interest_kind"] not in InterestKind.values:
        errors["interest_kind"] = _("Choose the kind of interest.")
    if values.get("value_band") and values["value_band"] not in ValueBand.values:
        errors["value_band"] = _("Choose the value.")
    for name in ("paid", "accepted"):
        if name in values and values[name] is not None and not isinstance(values[name], bool):
            errors[name] = missing_messages()[name]
    if complete:
        messages = missing_messages()
        for name in REQUIRED[kind]:
            if name not in errors and _is_empty(values.get(name)):
                errors[name] = messages[name]
    if errors:
        raise ValidationError(errors)
    return values


def _require_declarant(by: Any) -> Any:
    person = access.person_of(by)
    if person is None:
        raise PermissionDenied
    return person


def _require_kind_allowed(person: Any, kind: str) -> None:
    if kind == Kind.FINANCIAL_INTEREST and not access.may_hold_financial_interests(person):
        raise ValidationError(
            _(
                "Only officials and holders of a designated post declare financial interests. "
                "Your post is not designated, so you have nothing to declare here."
            )
        )


def _is_official(person: Any) -> bool:
    from open_integriteit.people.models import PersonKind

    return bool(person.kind == PersonKind.OFFICIAL)


def declaration_save_draft(
    *,
    by: Any,
    kind: str,
    data: Mapping[str, Any],
    declaration: Declaration | None = None,
    request: Any = None,
) -> Declaration:
    """Create a draft of ``kind`` for the person behind ``by``, or change their draft
    ``declaration``. Only the declarant writes a draft, and only while it is a draft."""
    person = _require_declarant(by)
    _require_kind_allowed(person, kind)
    values = validate(kind=kind, data=data, complete=False, official=_is_official(person))
    with transaction.atomic():
        if declaration is None:
            current = Declaration(organisation_id=person.organisation_id, person=person, kind=kind)
        else:
            current = Declaration.objects.select_for_update().get(pk=declaration.pk)
            if not access.is_declarant(by, current) or current.state != State.DRAFT or current.kind != kind:
                raise PermissionDenied
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
        audit_log(
            action="declarations.draft_saved",
            actor=by,
            organisation_id=current.organisation_id,
            target=current,
            request=request,
            details={"kind": current.kind, "new": declaration is None},
        )
    if declaration is not None:
        declaration.refresh_from_db()
        return declaration
    return current


def declaration_discard_draft(*, by: Any, declaration: Declaration, request: Any = None) -> None:
    """Throw a draft away: it was never submitted, so nobody else has seen it."""
    with transaction.atomic():
        current = Declaration.objects.select_for_update().filter(pk=declaration.pk).first()
        if current is None or not access.is_declarant(by, current) or current.state != State.DRAFT:
            raise PermissionDenied
        pk, organisation_id, kind = current.pk, current.organisation_id, current.kind
        current.delete()
        audit_log(
            action="declarations.draft_discarded",
            actor=by,
            organisation_id=organisation_id,
            request=request,
            details={"declaration": pk, "kind": kind},
        )


def declaration_submit(*, by: Any, declaration: Declaration, request: Any = None) -> Declaration:
    """Submit a draft: everything the kind asks for must be there; the post the person holds
    now is stored with it (the register of designated posts names the post)."""
    with transaction.atomic():
        current = Declaration.objects.select_for_update().get(pk=declaration.pk)
        if not access.is_declarant(by, current) or current.state != State.DRAFT:
            raise PermissionDenied
        person = current.person
        _require_kind_allowed(person, current.kind)
        validate(
            kind=current.kind,
            data={name: getattr(current, name) for name in FIELDS[current.kind]},
            complete=True,
            official=_is_official(person),
        )
        holding = access.current_posts(person).first()
        current.post = holding.post if holding is not None else None
        current.save(update_fields=["post", "updated_at"])
        declaration_transition(declaration=current, name="submit", by=by, request=request)
    declaration.refresh_from_db()
    return declaration


def declaration_save_and_submit(
    *,
    by: Any,
    kind: str,
    data: Mapping[str, Any],
    declaration: Declaration | None = None,
    request: Any = None,
) -> Declaration:
    """Save what was typed and submit it, all or nothing: when something is missing the draft
    is left as it was (or not made) and the messages say what to add."""
    person = _require_declarant(by)
    _require_kind_allowed(person, kind)
    validate(kind=kind, data=data, complete=True, official=_is_official(person))
    with transaction.atomic():
        saved = declaration_save_draft(by=by, kind=kind, data=data, declaration=declaration, request=request)
        return declaration_submit(by=by, declaration=saved, request=request)


def declarant_transition(
    *, by: Any, declaration: Declaration, name: str, ends_on: dt.date | None = None, request: Any = None
) -> Declaration:
    """Withdraw (``withdraw``) or end (``end``) as the declarant: the table's transition from
    the declaration's state with that meaning."""
    if name == "end":
        name = "end_restricted" if declaration.state == State.RESTRICTED else "end"
    elif name != "withdraw":
        raise PermissionDenied
    return declaration_transition(declaration=declaration, name=name, by=by, ends_on=ends_on, request=request)


def nil_return_record(*, by: Any, kind: str, answer: str, request: Any = None) -> NilReturn:
    """Record "nothing to declare" (nothing of this kind is declared or pending) or "nothing
    changed" (what is declared is still right) for the person behind ``by``."""
    person = _require_declarant(by)
    if kind not in FIELDS:
        raise ValidationError(_("Unknown kind of declaration."))
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Choose your answer.")})
    _require_kind_allowed(person, kind)
    with transaction.atomic():
        current = Declaration.objects.filter(person=person, kind=kind, state__in=[*PUBLISHABLE, *PENDING]).exists()
        if answer == Answer.NOTHING_TO_DECLARE and current:
            raise ValidationError(
                {
                    "answer": _(
                        "You have declarations of this kind that are current or waiting for a decision: "
                        "answer 'nothing changed', or end what has ended first."
                    )
                }
            )
        if answer == Answer.NOTHING_CHANGED and not current:
            raise ValidationError({"answer": _("You have nothing of this kind declared: answer 'nothing to declare'.")})
        nil_return = NilReturn(
            organisation_id=person.organisation_id,
            person=person,
            kind=kind,
            answer=answer,
            answered_at=timezone.now(),
            by=by,
        )
        nil_return.full_clean()
        nil_return.save()
        audit_log(
            action="declarations.nil_return",
            actor=by,
            organisation_id=person.organisation_id,
            target=nil_return,
            request=request,
            details={"kind": kind, "answer": answer},
        )
    return nil_return
