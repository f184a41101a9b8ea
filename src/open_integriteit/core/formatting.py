"""One format per kind of date, in the reader's language (formats/<language>/formats.py).

- `short_date`, `short_datetime`: in tables and lists ("23 nov. 2026", "23 nov. 2026 14:05");
- `long_date`, `long_datetime`: in running text ("23 november 2026");
- `timestamp`: the audit trail, to the second ("23 nov. 2026 14:05:09").

Templates use the filters of the same names (`{% load oi %}`); mails and messages call these
functions. Times are shown in the local time zone (TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, time_format


def _local(value: Any) -> Any:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value: dt.date | None) -> str:
    return date_format(_local(value), "SHORT_DATE_FORMAT") if value else ""


def short_datetime(value: dt.datetime | None) -> str:
    return date_format(_local(value), "SHORT_DATETIME_FORMAT") if value else ""


def long_date(value: dt.date | None) -> str:
    return date_format(_local(value), "DATE_FORMAT") if value else ""


def long_datetime(value: dt.datetime | None) -> str:
    return date_format(_local(value), "DATETIME_FORMAT") if value else ""


def timestamp(value: dt.datetime | None) -> str:
    if not value:
        return ""
    local = _local(value)
    return f"{date_format(local, 'SHORT_DATE_FORMAT')} {time_format(local, 'TIME_FORMAT')}"
