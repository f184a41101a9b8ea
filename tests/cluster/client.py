"""A small browser for the cluster tests: cookies, CSRF tokens, multipart uploads (stdlib only)."""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(
        self, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, str]:
        """Returns (status, body, final URL); follows redirects like a browser."""
        req = urllib.request.Request(url, data=data, headers={"Accept-Language": "nl", **(headers or {})})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read(), url

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        status, body, _ = self.request(url, headers=headers)
        return status, body.decode("utf-8", "replace")

    def token(self, url: str) -> str:
        status, page = self.get(url)
        match = TOKEN_RE.search(page)
        assert status == 200 and match, f"no form at {url}: HTTP {status}"
        return match.group(1)

    def post(
        self, url: str, fields: dict[str, str], files: dict[str, tuple[str, str, bytes]] | None = None
    ) -> tuple[int, str, str]:
        """Fetch the form for its CSRF token, then post it (multipart when there are files)."""
        fields = {"csrfmiddlewaretoken": self.token(url), **fields}
        if files:
            boundary = "----oi" + secrets.token_hex(12)
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, (filename, content_type, data) in files.items():
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {content_type}\r\n\r\n"
                )
                parts.append(head.encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        status, raw, final = self.request(url, data=body, headers={"Content-Type": content_type, "Referer": url})
        return status, raw.decode("utf-8", "replace"), final
