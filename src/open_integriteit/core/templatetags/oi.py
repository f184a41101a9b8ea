from __future__ import annotations

from typing import Any

from django import template

from open_integriteit.core import formatting

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


# Dates: one filter per kind, never a format string in a template (see core/formatting.py).
# expects_localtime: the template engine converts aware datetimes to local time first.
register.filter("short_date", formatting.short_date, expects_localtime=True)
register.filter("short_datetime", formatting.short_datetime, expects_localtime=True)
register.filter("long_date", formatting.long_date, expects_localtime=True)
register.filter("long_datetime", formatting.long_datetime, expects_localtime=True)
register.filter("timestamp", formatting.timestamp, expects_localtime=True)
