"""Writes on organisations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from open_integriteit.access.administration import can_manage_organisation
from open_integriteit.audit.services import audit_log

from .models import Organisation, ServedOrganisation

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.accounts.models import User

LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 512 * 1024


def _relative_luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def organisation_create(*, name: str, slug: str, kind: str, primary_colour: str = "#154273") -> Organisation:
    """A new organisation with the default entries of every per-organisation list; the kind
    of organisation chooses which typology of categories is in use (ADR 0010)."""
    from open_integriteit.lists.services import list_seed_defaults

    with transaction.atomic():
        organisation = Organisation(name=name, slug=slug, kind=kind, primary_colour=primary_colour)
        organisation.full_clean()
        organisation.save()
        list_seed_defaults(organisation=organisation)
        audit_log(action="organisation.created", channel="system", organisation_id=organisation.pk, target=organisation)
    return organisation


def organisation_update_branding(
    *,
    organisation: Organisation,
    by: User,
    name: str,
    kind: str,
    primary_colour: str,
    confidential_adviser_contact: str,
    logo: bytes | None = None,
    remove_logo: bool = False,
    request: HttpRequest | None = None,
) -> Organisation:
    """Name, kind, main colour (must keep white text readable: WCAG contrast ≥ 4.5) and logo.

    Changing the kind does not switch the typology in use; that is a choice on the
    categories page."""
    if not can_manage_organisation(by, organisation.pk):
        raise PermissionDenied
    if primary_colour and len(primary_colour) == 7 and contrast_with_white(primary_colour) < 4.5:
        raise ValidationError(
            {
                "primary_colour": _(
                    "White text on this colour is hard to read (contrast below 4.5:1). Choose a darker colour."
                )
            }
        )
    with transaction.atomic():
        organisation.name = name
        organisation.kind = kind
        organisation.primary_colour = primary_colour
        organisation.confidential_adviser_contact = confidential_adviser_contact
        if remove_logo:
            organisation.logo = None
            organisation.logo_content_type = ""
        elif logo is not None:
            content_type = next((t for magic, t in LOGO_TYPES.items() if logo.startswith(magic)), None)
            if content_type is None or len(logo) > LOGO_MAX_BYTES:
                raise ValidationError({"logo": _("The logo must be a PNG or JPG file of at most 512 kB.")})
            organisation.logo = logo
            organisation.logo_content_type = content_type
        organisation.full_clean()
        organisation.save()
        audit_log(action="organisation.branding_changed", actor=by, target=organisation, request=request)
    return organisation


def served_organisation_add(
    *,
    organisation: Organisation,
    shared_service: Organisation,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: User,
) -> ServedOrganisation:
    """Record that a shared service serves ``organisation`` (by its administrator: the
    organisation whose counts the service's coordinators will see decides)."""
    if not can_manage_organisation(by, organisation.pk):
        raise PermissionDenied
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if ServedOrganisation.objects.filter(organisation=organisation, shared_service=shared_service).exists():
            raise ValidationError({"shared_service": _("This shared service already serves the organisation.")})
        link = ServedOrganisation(organisation=organisation, shared_service=shared_service, since=since, until=until)
        link.full_clean()
        link.save()
        audit_log(
            action="organisation.shared_service_added",
            actor=by,
            target=organisation,
            details={"shared_service": shared_service.pk},
        )
    return link


def served_organisation_remove(*, link: ServedOrganisation, by: User) -> None:
    """The shared service no longer serves the organisation: its coordinators stop seeing its counts."""
    if not can_manage_organisation(by, link.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=link.organisation_id).first()
        link.delete()
        audit_log(
            action="organisation.shared_service_removed",
            actor=by,
            target=link.organisation,
            details={"shared_service": link.shared_service_id},
        )
