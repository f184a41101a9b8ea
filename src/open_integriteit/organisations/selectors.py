"""Reads of organisations."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Organisation, OrganisationKind, ServedOrganisation


def organisation_get_public(*, slug: str) -> Organisation:
    """The organisation behind a public reporting page, or 404."""
    return get_object_or_404(Organisation, slug=slug)


def organisation_list_public() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name").only("name", "slug")


def shared_services() -> QuerySet[Organisation]:
    """The organisations that can serve others (their names are public)."""
    return Organisation.objects.filter(kind=OrganisationKind.SHARED_SERVICE).order_by("name")


def served_by(*, organisation_id: int) -> QuerySet[ServedOrganisation]:
    """The shared services serving this organisation (its settings page)."""
    return ServedOrganisation.objects.filter(organisation_id=organisation_id).select_related("shared_service")


def served_organisations(*, shared_service_id: int) -> QuerySet[ServedOrganisation]:
    """The organisations a shared service serves, by name (its overview of counts)."""
    return (
        ServedOrganisation.objects.filter(shared_service_id=shared_service_id)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def served_by_get(*, organisation_id: int, pk: int) -> ServedOrganisation:
    """One shared service serving this organisation, or 404."""
    return get_object_or_404(
        ServedOrganisation.objects.select_related("shared_service", "organisation"),
        pk=pk,
        organisation_id=organisation_id,
    )
