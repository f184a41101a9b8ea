"""Health and metrics for load balancers and monitoring (ADR 0014).

Outsiders get a bare status: ``ok`` with 200 or ``unavailable`` with 503. The details
(which probe failed, timings) and the metrics need ``Authorization: Bearer <OI_HEALTH_TOKEN>``;
without a configured token there are no details and no metrics at all. An address such as
127.0.0.1 is deliberately not trusted: behind a reverse proxy every request comes from it.
"""

from __future__ import annotations

import hmac
from dataclasses import asdict

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from .health import run_probes
from .metrics import exposition


def _has_token(request: HttpRequest) -> bool:
    token = settings.OI_HEALTH_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _plain(status: int) -> HttpResponse:
    return HttpResponse("ok\n" if status == 200 else "unavailable\n", status=status, content_type="text/plain")


@require_GET
def live(request: HttpRequest) -> HttpResponse:
    """The process answers. Touches nothing else: a slow database must not restart servers."""
    return _plain(200)


@require_GET
def ready(request: HttpRequest) -> HttpResponse:
    """This server can serve: database, Redis (when configured), keys, file storage."""
    probes = run_probes()
    status = 200 if all(p.ok for p in probes if p.critical) else 503
    if not _has_token(request):
        return _plain(status)
    return JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", "checks": [asdict(p) for p in probes]}, status=status
    )


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _has_token(request):
        raise Http404
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
