"""Reads of the providers' configurations (ADR 0019)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from open_integriteit.access.administration import can_configure_oidc
from open_integriteit.organisations.models import Organisation

from ..models import OidcConfiguration


def oidc_configuration_for_administrator(*, user: Any) -> OidcConfiguration | None:
    """The configuration of the administrator's organisation (None: not set up yet); 404
    for anyone else."""
    if not can_configure_oidc(user):
        raise Http404
    return OidcConfiguration.objects.filter(organisation_id=user.organisation_id).first()


def organisations_with_provider() -> QuerySet[Organisation]:
    """Public: the organisations whose staff can log in with their own provider (the log-in
    page offers a button for each)."""
    return Organisation.objects.filter(oidc_configuration__enabled=True).order_by("name")


def oidc_configuration_enabled(*, slug: str | None = None, pk: int | None = None) -> OidcConfiguration | None:
    """An enabled configuration by its organisation's slug or by its id (None if there is
    none or it is switched off)."""
    configurations = OidcConfiguration.objects.filter(enabled=True).select_related("organisation")
    if slug is not None:
        return configurations.filter(organisation__slug=slug).first()
    if pk is not None:
        return configurations.filter(pk=pk).first()
    return None
