"""No page may be kept by a browser or proxy: every URL of the URL conf answers with
Cache-Control: no-store, for staff and for a logged-in reporter; the CSRF cookie ends
with the browser session."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from open_integriteit.reports import receipts

pytestmark = pytest.mark.django_db

EXEMPT = {"organisations:logo"}  # the public logo image: cacheable on purpose


def _patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def _concrete(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "1"), route).lstrip("^").rstrip("$")


def test_every_page_is_no_store_for_staff_and_reporters(org, personas, make_report, client_for):
    report, code = make_report()
    values = {"slug": org.slug, "reference": report.reference, "action": "x", "pk": "1"}
    staff = client_for(personas["alice"])
    reporter = Client()
    reporter.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": receipts.format_code(code)})
    checked = 0
    for name, route in _patterns():
        if name in EXEMPT:
            continue
        url = _concrete(route, values)
        for client in (staff, reporter):
            response = client.get(url)
            assert "no-store" in response["Cache-Control"].split(", "), (name, url, response.status_code)
            assert response["Pragma"] == "no-cache", (name, url)
            checked += 1
    assert checked > 40


def test_the_csrf_cookie_is_a_session_cookie(org):
    response = Client().get(reverse("reports:public_form", args=[org.slug]))
    cookie = response.cookies["csrftoken"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
