"""Start-up checks: the keys and the receipt pepper are present and valid before anything runs."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def check_keys(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from django.conf import settings

    from open_integriteit.reports.receipts import _pepper

    from . import keyring

    errors = []
    try:
        keyring.active_key_id()
    except ImproperlyConfigured as exc:
        errors.append(Error(str(exc), hint="Set OI_ENCRYPTION_KEYS and OI_ACTIVE_KEY_ID (see README).", id="oi.E001"))
    try:
        _pepper(settings.OI_RECEIPT_PEPPER)
    except ImproperlyConfigured as exc:
        errors.append(Error(str(exc), hint="Set OI_RECEIPT_PEPPER (see README).", id="oi.E002"))
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key; report it as ours
        secret_key = ""
    if not secret_key:
        errors.append(Error("SECRET_KEY is empty.", hint="Run `make run` once or set SECRET_KEY.", id="oi.E003"))
    return errors
