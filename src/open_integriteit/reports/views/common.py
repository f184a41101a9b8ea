from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from open_integriteit.core.views import download_response

from .. import services
from ..models import Attachment


def attachment_response(attachment: Attachment, *, user: Any, request: HttpRequest) -> HttpResponse:
    """Serve a decrypted attachment as a download; the read is audited by the service."""
    data = services.attachment_read(attachment=attachment, user=user, request=request)
    return download_response(data, content_type=attachment.content_type, filename=attachment.filename)
