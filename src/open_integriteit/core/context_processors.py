"""Branding of the organisation whose pages are shown."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def branding(request: HttpRequest) -> dict[str, Any]:
    organisation = getattr(request, "oi_organisation", None)
    user = getattr(request, "user", None)
    if organisation is None and user is not None and user.is_authenticated:
        organisation = user.organisation
    return {"organisation": organisation}
