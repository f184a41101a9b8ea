"""Response headers that keep every page self-contained and out of every cache."""

from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

# Nothing from third parties, no inline script, no framing. Inline styles are allowed for
# the organisation's main colour only (a CSS custom property on <html>).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    """CSP and friends on every response; ``Cache-Control: no-store`` on every page.

    Pages show decrypted content, receipt codes or a reporter's mailbox, so no browser or
    proxy may keep a copy. Static files are served by WhiteNoise before this middleware
    and stay cacheable; a view that sets its own Cache-Control (the public logo) keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        if "no-store" in response["Cache-Control"]:
            response["Pragma"] = "no-cache"
        return response
