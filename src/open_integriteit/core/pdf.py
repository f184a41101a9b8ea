"""Tagged PDF (PDF/UA-1) from our HTML, shared by every printable document (the case file,
the annual report): WeasyPrint may read the shipped fonts and inline ``data:`` images,
nothing else (no network), and the organisation's logo is inlined.

The shipped fonts are WOFF2 (what the browser loads); WeasyPrint would unpack each one again
for every PDF, which took about half the time of a short one. The fetcher hands it the
unpacked font instead, unpacked once per process.
"""

from __future__ import annotations

import base64
import io
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

STATIC = Path(__file__).resolve().parent / "static"
FONTS = STATIC / "vendor" / "noto-sans"
LOGO_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"})


@cache
def _unpacked_font(path: Path) -> bytes:
    """The TrueType/OpenType font inside a shipped WOFF2 file (the files do not change while
    the process runs)."""
    from fontTools.ttLib import woff2

    unpacked = io.BytesIO()
    woff2.decompress(io.BytesIO(path.read_bytes()), unpacked)
    return unpacked.getvalue()


def local_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("file:"):
                return super().fetch(url, headers)
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(FONTS):
                raise ValueError("a printed document loads only the shipped fonts")
            if path.suffix == ".woff2":
                return URLFetcherResponse(url, _unpacked_font(path), {"Content-Type": "font/otf"})
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, fail_on_errors=False)


def organisation_logo(organisation: Any) -> str:
    """The organisation's logo as a ``data:`` address, or "" without (a usable) one."""
    if not organisation.logo or organisation.logo_content_type not in LOGO_TYPES:
        return ""
    encoded = base64.b64encode(bytes(organisation.logo)).decode("ascii")
    return f"data:{organisation.logo_content_type};base64,{encoded}"


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document of ``html`` (its ``lang`` and ``<title>`` become the PDF's)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STATIC) + "/", url_fetcher=local_fetcher())
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
