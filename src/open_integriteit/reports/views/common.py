from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from .. import services
from ..models import Attachment


def attachment_response(attachment: Attachment, *, user: Any, request: HttpRequest) -> HttpResponse:
    """Serve a decrypted attachment as a download, never inline (no active content runs)."""
    data = services.attachment_read(attachment=attachment, user=user, request=request)
    response = HttpResponse(data, content_type=attachment.content_type)
    safe_name = "".join(ch for ch in attachment.filename if ch.isalnum() or ch in "._- ")[:120] or "bijlage"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
