"""Lists as CSV, for a spreadsheet.

Only what the list shows, never content: the caller passes non-content columns (references,
dates, states, categories, names of handlers). Separated by semicolons with a byte-order
mark, which is what a Dutch spreadsheet opens without asking. Every cell that a spreadsheet
would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is prefixed with an apostrophe (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One cell as text: dates in local time as ``YYYY-MM-DD HH:MM``, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text


def csv_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_response(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, filename: str) -> HttpResponse:
    """The list as a CSV download, never cached."""
    response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def filter_details(form: forms.Form) -> dict[str, Any]:
    """The filters of a download, as codes and ids (never content) for the audit trail."""
    if not form.is_bound or not form.is_valid():
        return {}
    return {
        f"filter_{name}": value.pk if hasattr(value, "pk") else value
        for name, value in form.cleaned_data.items()
        if value not in (None, "")
    }


def audited_csv_response(
    request: HttpRequest,
    *,
    action: str,
    form: forms.Form,
    headers: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    name: str,
) -> HttpResponse:
    """A list download: written to the audit trail (``action``, row count and filters) and
    answered as ``<name>-<today>.csv``."""
    from open_integriteit.audit.services import audit_log

    user: Any = request.user
    audit_log(
        action=action,
        actor=user,
        organisation_id=user.organisation_id,
        request=request,
        details={"rows": len(rows), **filter_details(form)},
    )
    return csv_response(headers, rows, filename=f"{name}-{timezone.localdate():%Y-%m-%d}.csv")
