"""A body larger than anything the site accepts is refused before it is read: by the test
client's handler and by the real server (gunicorn) while the client is still sending."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from open_integriteit.core.request_limits import REFUSED, ChunkedBodyLimit

SRC = Path(__file__).resolve().parents[3]


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    readinto = read  # type: ignore[assignment]


@pytest.mark.django_db
def test_a_150_mb_body_gets_a_dutch_413_without_a_byte_read(client, org):
    response = client.generic(
        "POST",
        reverse("reports:public_form", args=[org.slug]),
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(150 * 1024 * 1024),
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "te groot" in page.lower()
    assert response["Cache-Control"] == "no-store"


def test_a_chunked_body_is_cut_off_at_the_limit():
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        start_response("200 OK", [])
        return [b""]

    limit = settings.OI_MAX_REQUEST_BYTES
    source = io.BytesIO(b"x" * (limit + 10 * 1024 * 1024))
    ChunkedBodyLimit(app)({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": source}, lambda *a: None)
    assert seen[REFUSED] is True and seen["CONTENT_LENGTH"] == "0"
    assert source.tell() <= limit + 64 * 1024  # read no further than the limit
    small = io.BytesIO(b"a=1&b=2")
    ChunkedBodyLimit(app)({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": small}, lambda *a: None)
    assert seen["CONTENT_LENGTH"] == "7" and seen["wsgi.input"].read() == b"a=1&b=2"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_real_server_answers_413_before_the_client_has_sent_the_body(tmp_path):
    """gunicorn as `make run` starts it: the answer comes while the body is still being
    sent, and the connection is closed instead of the rest being read."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("OI_") and k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "open_integriteit.conf.ci",
        "OI_VAR_DIR": str(tmp_path),
        "OI_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "open_integriteit.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        cwd=SRC,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(server.stderr.read().decode() if server.poll() is not None else "gunicorn did not start")
        total = 150 * 1024 * 1024
        sock.sendall(
            b"POST /melden/provincie-testland/formulier/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n" + f"Content-Length: {total}\r\n\r\n".encode()
        )
        sock.sendall(b"x" * 65536)
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b"Connection: close" in answer
        sent = 65536
        with pytest.raises(OSError):  # the server closed the connection: the rest is never read
            while sent < total:
                sock.sendall(b"x" * 1024 * 1024)
                sent += 1024 * 1024
        assert sent < 32 * 1024 * 1024
        sock.close()
    finally:
        server.terminate()
        server.wait(20)
