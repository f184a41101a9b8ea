"""Reads of organisations."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Organisation


def organisation_get_public(*, slug: str) -> Organisation:
    """The organisation behind a public reporting page, or 404."""
    return get_object_or_404(Organisation, slug=slug)


def organisation_list_public() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name").only("name", "slug")
