from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def download_response(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A decrypted file as a download, never shown inline (no active content runs here)."""
    response = HttpResponse(data, content_type=content_type)
    safe_name = "".join(ch for ch in filename if ch.isalnum() or ch in "._- ")[:120] or "bestand"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
