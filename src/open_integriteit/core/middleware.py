"""Response headers that keep every page self-contained."""

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
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(request, "oi_no_store", False):
            response["Cache-Control"] = "no-store"
        return response
