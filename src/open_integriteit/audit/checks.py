"""Start-up check: the audit key is present and valid before anything runs (ADR 0005)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_audit_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from . import chain

    try:
        chain.known_keys()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint="Set OI_AUDIT_KEY (see README).", id="oi.E004")]
    return []
