"""Request bodies larger than anything the site accepts are refused without being read.

``OI_MAX_REQUEST_BYTES`` (every attachment at its maximum plus room for the text) is the
ceiling. Three layers, one rule (``too_large``):

- ``RequestSizeMiddleware`` (Django, before anything touches ``request.POST``) answers a
  larger ``Content-Length`` with a 413 page at once: not a byte of the body is read, and
  nothing of it is kept;
- ``ChunkedBodyLimit`` (WSGI, wraps the application in ``wsgi.py``) reads a chunked body
  without ``Content-Length`` into a spooled file and stops at the ceiling, so Django gets
  a body with a known length or the 413 page;
- ``gunicorn_pre_request`` (called from ``src/gunicorn.conf.py``) marks such a connection
  to be closed after the answer, so gunicorn does not drain the rest of the body to keep
  the connection alive.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

REFUSED = "open_integriteit.body_too_large"  # set in the WSGI environ when a body was cut off
CHUNK = 64 * 1024


def _declared_length(environ: dict[str, Any]) -> int | None:
    try:
        return int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _chunked(environ: dict[str, Any]) -> bool:
    return "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()


def too_large(environ: dict[str, Any]) -> bool:
    """Whether the request's body is, or was found to be, larger than the ceiling."""
    length = _declared_length(environ)
    return bool(environ.get(REFUSED)) or (length is not None and length > settings.OI_MAX_REQUEST_BYTES)


class RequestSizeMiddleware:
    """Answer a too-large body with 413 before any view, form or CSRF check reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not too_large(request.META):
            return self.get_response(request)
        max_mb = settings.OI_MAX_REQUEST_BYTES // (1024 * 1024)
        with translation.override(translation.get_language_from_request(request)):
            return render(
                request,
                "core/request_too_large.html",
                {
                    "max_mb": max_mb,
                    "max_files": settings.OI_MAX_ATTACHMENTS,
                    "max_file_mb": settings.OI_MAX_ATTACHMENT_MB,
                },
                status=413,
            )


class ChunkedBodyLimit:
    """WSGI wrapper: give a chunked body a length, reading no more than the ceiling."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if _declared_length(environ) is None and _chunked(environ):
            self._buffer(environ)
        return self.application(environ, start_response)

    @staticmethod
    def _buffer(environ: dict[str, Any]) -> None:
        limit = settings.OI_MAX_REQUEST_BYTES
        source = environ["wsgi.input"]
        body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
        size = 0
        while chunk := source.read(min(CHUNK, limit + 1 - size)):
            size += len(chunk)
            if size > limit:
                body.close()
                environ[REFUSED] = True
                body, size = tempfile.SpooledTemporaryFile(max_size=1), 0  # noqa: SIM115
                break
            body.write(chunk)
        body.seek(0)
        environ["wsgi.input"] = body
        environ["CONTENT_LENGTH"] = str(size)


def gunicorn_pre_request(req: Any) -> None:
    """Close the connection after answering a body that will not be read to its end."""
    length = None
    chunked = False
    for name, value in req.headers:
        if name == "CONTENT-LENGTH":
            length = _declared_length({"CONTENT_LENGTH": value})
        elif name == "TRANSFER-ENCODING":
            chunked = "chunked" in value.lower()
    if chunked or (length is not None and length > settings.OI_MAX_REQUEST_BYTES):
        req.must_close = True
