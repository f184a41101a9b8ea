"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Run with `make test-browser` (`pytest -m browser`). Never `playwright install`: the browser
is the system's /usr/bin/chromium.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
# there unless told it is safe (it is: the loop never runs Django code). Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A Dutch visitor: the product's default language is Dutch.
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def base_url_live(live_server: Any) -> str:
    return live_server.url.rstrip("/")


@pytest.fixture
def make_context(new_context: Callable[..., Any], base_url_live: str) -> Callable[..., Any]:
    """New browser contexts (closed by pytest-playwright after the test) with short timeouts,
    axe-core available, and a record of every request they make."""
    from .helpers import RequestLog, serve_axe

    def make(**kwargs: Any) -> tuple[Any, RequestLog]:
        context = new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        log = RequestLog()
        context.on("request", lambda request: log.urls.append(request.url))
        serve_axe(context, base_url_live)
        return context, log

    return make
