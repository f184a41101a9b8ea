"""Writes to the register of rules and codes. Keep it small: add a version (optionally
replacing an earlier one), change its particulars, and the organisation's review period."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access import regulations as access
from open_integriteit.audit.services import audit_log
from open_integriteit.encryption import storage
from open_integriteit.reports.uploads import CheckedFile

from .models import Regulation, RegulationSettings

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User
    from open_integriteit.organisations.models import Organisation

PDF = "application/pdf"


def _require(by: User, organisation_id: int) -> None:
    if not access.can_manage_regulations(by, organisation_id):
        raise PermissionDenied


def _not_in_the_future(adopted_on: dt.date) -> None:
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The date of adoption cannot be in the future.")})


def regulation_add(
    *,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    audience: str,
    adopted_by: str,
    adopted_on: dt.date,
    decision_reference: str,
    public: bool,
    document: CheckedFile,
    replaces: Regulation | None = None,
    request: HttpRequest | None = None,
) -> Regulation:
    """A rule or code as adopted, with its PDF (checked by ``reports.uploads.check_uploads``
    and stored encrypted). ``replaces`` is the earlier version it takes the place of: that
    one is then no longer current, and a version is replaced at most once."""
    _require(by, organisation.pk)
    _not_in_the_future(adopted_on)
    if document.content_type != PDF:
        raise ValidationError({"document": _("Add the document as a PDF file.")})
    with storage.removed_on_failure() as written, transaction.atomic():
        if replaces is not None:
            replaces = Regulation.objects.select_for_update().get(pk=replaces.pk)
            if replaces.organisation_id != organisation.pk:
                raise PermissionDenied
            if Regulation.objects.filter(replaces=replaces).exists():
                raise ValidationError({"replaces": _("That version has already been replaced by a newer one.")})
            if adopted_on < replaces.adopted_on:
                raise ValidationError(
                    {"adopted_on": _("A new version cannot have been adopted before the version it replaces.")}
                )
        name, key_id = storage.save_encrypted(document.data)
        written.append(name)
        regulation = Regulation(
            organisation=organisation,
            kind=kind,
            title=title,
            audience=audience,
            adopted_by=adopted_by,
            adopted_on=adopted_on,
            decision_reference=decision_reference,
            public=public,
            replaces=replaces,
            filename=document.filename,
            content_type=document.content_type,
            size=len(document.data),
            added_by=by,
            stored_name=name,
            key_id=key_id,
        )
        regulation.full_clean()
        regulation.save()
        audit_log(
            action="regulations.added",
            actor=by,
            target=regulation,
            request=request,
            details={"kind": kind, "replaces": replaces.pk if replaces is not None else None},
        )
    return regulation


def regulation_update(
    *,
    regulation: Regulation,
    by: User,
    title: str,
    audience: str,
    adopted_by: str,
    adopted_on: dt.date,
    decision_reference: str,
    public: bool,
    request: HttpRequest | None = None,
) -> Regulation:
    """Correct the particulars of a version (not its document: a new document is a new version)."""
    _require(by, regulation.organisation_id)
    _not_in_the_future(adopted_on)
    with transaction.atomic():
        regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
        regulation.title = title
        regulation.audience = audience
        regulation.adopted_by = adopted_by
        regulation.adopted_on = adopted_on
        regulation.decision_reference = decision_reference
        regulation.public = public
        regulation.full_clean()
        regulation.save()
        audit_log(action="regulations.updated", actor=by, target=regulation, request=request)
    return regulation


def regulation_document(*, regulation: Regulation) -> bytes:
    """The decrypted PDF (the caller has decided who may have it)."""
    return storage.read_decrypted(regulation.stored_name)


def settings_update(
    *, organisation: Organisation, by: User, review_years: int, request: HttpRequest | None = None
) -> RegulationSettings:
    _require(by, organisation.pk)
    with transaction.atomic():
        settings, _created = RegulationSettings.objects.select_for_update().get_or_create(organisation=organisation)
        settings.review_years = review_years
        settings.full_clean()
        settings.save()
        audit_log(
            action="regulations.settings_changed",
            actor=by,
            target=settings,
            organisation_id=organisation.pk,
            request=request,
            details={"review_years": review_years},
        )
    return settings
