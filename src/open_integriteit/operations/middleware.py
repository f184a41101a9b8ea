"""Per request: a request id for the logs, the request metrics, and in JSON mode one log line."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .logging import request_id
from .metrics import LATENCY, REQUESTS

logger = logging.getLogger("open_integriteit.requests")
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if REQUEST_ID_RE.match(incoming) else secrets.token_hex(8)
        token = request_id.set(rid)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - start
            match = request.resolver_match
            view = match.view_name if match else "unresolved"
            REQUESTS.labels(view=view, method=request.method, status=str(response.status_code)).inc()
            LATENCY.labels(view=view).observe(elapsed)
            if settings.OI_LOG_FORMAT == "json":
                logger.info(
                    "request",
                    extra={
                        "request_id": rid,
                        "view": view,
                        "method": request.method,
                        "status": response.status_code,
                        "duration_ms": round(elapsed * 1000, 1),
                    },
                )
            response["X-Request-ID"] = rid
            return response
        finally:
            request_id.reset(token)
