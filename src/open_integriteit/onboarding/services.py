"""Writes of the onboarding app: keyword-only, checked with ``full_clean`` in one
transaction with their audit event (codes and ids only, never a name)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access import onboarding as access
from open_integriteit.audit.services import audit_log
from open_integriteit.figures.services import refuse_when_entered
from open_integriteit.people.models import Person

from .models import Ceremony, CertificateOfConduct, Group, IntegrityStatement, OnboardingSettings, Participant

if TYPE_CHECKING:
    from django.http import HttpRequest

OATHS = "onboarding.oaths"  # the enterable figure: a year has records or an entered total


def _require(by: Any, organisation_id: int) -> None:
    if by is not None and not access.can_record(by, organisation_id):
        raise PermissionDenied


def _log(
    action: str, *, by: Any, organisation_id: int, target: Any, request: HttpRequest | None, **details: Any
) -> None:
    audit_log(
        action=action,
        actor=by,
        channel="staff" if by is not None else "system",
        organisation_id=organisation_id,
        target=target,
        request=request,
        details=details,
    )


def _guard_oaths(ceremony: Ceremony) -> None:
    """Own staff's oaths are counted by the ceremony date: refused in a year with an entered total."""
    if ceremony.group != Group.PARTNER:
        refuse_when_entered(organisation=ceremony.organisation, keys=[OATHS], on=ceremony.held_on, field="held_on")


def ceremony_record(
    *,
    organisation: Any,
    by: Any,
    held_on: dt.date,
    place: str,
    form: str,
    administered_by: str,
    group: str,
    partner_name: str = "",
    partner_oaths: int = 0,
    partner_affirmations: int = 0,
    request: HttpRequest | None = None,
) -> Ceremony:
    """``by`` is None only for the demo loader (a system event)."""
    _require(by, organisation.pk)
    with transaction.atomic():
        ceremony = Ceremony(
            organisation=organisation,
            held_on=held_on,
            place=place.strip(),
            form=form,
            administered_by=administered_by.strip(),
            group=group,
            partner_name=partner_name.strip(),
            partner_oaths=partner_oaths or 0,
            partner_affirmations=partner_affirmations or 0,
        )
        ceremony.full_clean()
        _guard_oaths(ceremony)
        ceremony.save()
        _log("onboarding.ceremony_recorded", by=by, organisation_id=organisation.pk, target=ceremony, request=request)
    return ceremony


def ceremony_update(*, ceremony: Ceremony, by: Any, request: HttpRequest | None = None, **fields: Any) -> Ceremony:
    _require(by, ceremony.organisation_id)
    with transaction.atomic():
        locked = Ceremony.objects.select_for_update().get(pk=ceremony.pk)
        was_partner, had_pledges = locked.is_partner, locked.participants.exists()
        _guard_oaths(locked)  # moving records out of a year with an entered total changes that year too
        for name, value in fields.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else (value or 0))
        locked.full_clean()
        if locked.is_partner and not was_partner and had_pledges:
            raise ValidationError(
                {"group": _("Remove the participants first: a partner organisation's ceremony records counts only.")}
            )
        _guard_oaths(locked)
        locked.save()
        _log(
            "onboarding.ceremony_changed", by=by, organisation_id=locked.organisation_id, target=locked, request=request
        )
    return locked


def participants_add(
    *, ceremony: Ceremony, by: Any, people: Iterable[Person], request: HttpRequest | None = None
) -> int:
    """Add people of the register (their oath or affirmation still to be chosen); people
    already there are skipped. Returns how many were added."""
    _require(by, ceremony.organisation_id)
    if ceremony.is_partner:
        raise ValidationError(_("A partner organisation's ceremony records counts, not people of the register."))
    people = list(people)
    if any(p.organisation_id != ceremony.organisation_id for p in people):
        raise PermissionDenied
    with transaction.atomic():
        present = set(ceremony.participants.values_list("person_id", flat=True))
        new = [Participant(ceremony=ceremony, person=p) for p in people if p.pk not in present]
        Participant.objects.bulk_create(new)
        _log(
            "onboarding.participants_added",
            by=by,
            organisation_id=ceremony.organisation_id,
            target=ceremony,
            request=request,
            added=len(new),
        )
    return len(new)


def participant_remove(*, participant: Participant, by: Any, request: HttpRequest | None = None) -> None:
    ceremony = participant.ceremony
    _require(by, ceremony.organisation_id)
    with transaction.atomic():
        if participant.pledge:
            _guard_oaths(ceremony)
        participant.delete()
        _log(
            "onboarding.participant_removed",
            by=by,
            organisation_id=ceremony.organisation_id,
            target=ceremony,
            request=request,
        )


def pledges_record(*, ceremony: Ceremony, by: Any, pledges: dict[int, str], request: HttpRequest | None = None) -> int:
    """Set the oath or affirmation per participant (by participant id; "" leaves it open).
    Returns how many changed."""
    _require(by, ceremony.organisation_id)
    with transaction.atomic():
        participants = {p.pk: p for p in Participant.objects.select_for_update().filter(ceremony=ceremony)}
        changed = []
        for pk, pledge in pledges.items():
            participant = participants.get(pk)
            if participant is None:
                raise ValidationError(_("This participant is not at this ceremony."))
            if participant.pledge != pledge:
                participant.pledge = pledge
                participant.full_clean(exclude=["ceremony", "person"])
                changed.append(participant)
        if changed:
            _guard_oaths(ceremony)
            Participant.objects.bulk_update(changed, ["pledge"])
        _log(
            "onboarding.pledges_recorded",
            by=by,
            organisation_id=ceremony.organisation_id,
            target=ceremony,
            request=request,
            changed=len(changed),
        )
    return len(changed)


def statement_record(
    *,
    person: Person,
    by: Any,
    kind: str,
    signed_on: dt.date,
    version: str,
    request: HttpRequest | None = None,
) -> IntegrityStatement:
    _require(by, person.organisation_id)
    with transaction.atomic():
        statement = IntegrityStatement(
            organisation_id=person.organisation_id,
            person=person,
            kind=kind,
            signed_on=signed_on,
            version=version.strip(),
        )
        statement.full_clean()
        statement.save()
        _log(
            "onboarding.statement_recorded",
            by=by,
            organisation_id=person.organisation_id,
            target=statement,
            request=request,
            person=person.pk,
        )
    return statement


def certificate_record(
    *,
    person: Person,
    by: Any,
    received: bool,
    received_on: dt.date | None,
    screening_profile: str,
    request: HttpRequest | None = None,
) -> CertificateOfConduct:
    """Only whether a certificate of conduct was received, when, and its screening profile:
    nothing of its content (criminal-record data, issue 9)."""
    _require(by, person.organisation_id)
    with transaction.atomic():
        certificate = CertificateOfConduct(
            organisation_id=person.organisation_id,
            person=person,
            received=received,
            received_on=received_on,
            screening_profile=screening_profile.strip(),
        )
        certificate.full_clean()
        certificate.save()
        _log(
            "onboarding.certificate_recorded",
            by=by,
            organisation_id=person.organisation_id,
            target=certificate,
            request=request,
            person=person.pk,
        )
    return certificate


def settings_update(
    *,
    organisation_id: int,
    by: Any,
    due_months: int,
    kinds_due: Iterable[str],
    rehired_due_again: bool,
    request: HttpRequest | None = None,
) -> OnboardingSettings:
    _require(by, organisation_id)
    kinds = set(kinds_due)
    with transaction.atomic():
        settings, _created = OnboardingSettings.objects.select_for_update().get_or_create(
            organisation_id=organisation_id
        )
        settings.due_months = due_months
        settings.rehired_due_again = rehired_due_again
        for field in ("employee", "trainee", "hired", "intern", "temp"):
            setattr(settings, f"due_{field}", field in kinds)
        settings.full_clean()
        settings.save()
        _log("onboarding.settings_changed", by=by, organisation_id=organisation_id, target=settings, request=request)
    return settings
