"""pytest fixtures around the test identity provider (ADR 0019).

``oidc_provider`` starts it once per test session, in its own process group on a free port
of 127.0.0.1 with its own SQLite file under a temporary directory, and kills the group at
the end. ``oidc_register`` fills the organisation's people register through the real HR
import; ``oidc_configuration`` sets the organisation up through the real service (which
reads the provider's discovery document). ``provider_log_in`` walks the flow for Django's
test client, with ``requests`` as the browser at the provider.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
PASSWORD = "provider-password-2026"
CALLBACK = "/account/inloggen/oidc/terug/"
# The provider's users and the claims it sends for them (personnel numbers of the register
# made by ``oidc_register``).
USERS = {
    "ilse": {"employee_number": "1001", "email": "i.heuvel@example.invalid"},  # employee, no account yet
    "pieter": {"employee_number": "9001"},  # an official (gedeputeerde), no account yet
    "alice": {"employee_number": "2001"},  # the coordinator's person
    "alice-mfa": {"employee_number": "2001", "amr": ["pwd", "otp"]},  # the same, after a second step
    "youssef": {"employee_number": "1004"},  # has left the organisation
    "onbekend": {"employee_number": "7777"},  # nobody in the register
    "zonder": {"email": "zonder@example.invalid"},  # no personnel number sent
}


@dataclass(frozen=True)
class Provider:
    base_url: str
    issuer: str
    client_id: str
    client_secret: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    workdir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
    port = _free_port()
    base_url = f"http://{HOST}:{port}"
    provider = Provider(
        base_url=base_url,
        issuer=f"{base_url}/o",
        client_id="open-integriteit",
        client_secret=secrets.token_urlsafe(32),
    )
    data = {
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        # Any port on the loopback hosts (RFC 8252), and Django's test client.
        "redirect_uris": [f"http://{host}{CALLBACK}" for host in ("testserver", HOST, "localhost")],
        "users": [{"username": name, "password": PASSWORD, "claims": claims} for name, claims in USERS.items()],
    }
    (workdir / "data.json").write_text(json.dumps(data))
    env = {
        **os.environ,
        "OIDC_PROVIDER_DATA": str(workdir / "data.json"),
        "OIDC_PROVIDER_DB": str(workdir / "provider.sqlite3"),
        "OIDC_PROVIDER_ISSUER": provider.issuer,
        "OIDC_PROVIDER_SECRET_KEY": secrets.token_urlsafe(32),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = workdir / "provider.log"
    with open(log, "ab") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_ready(process, provider, log)
        yield provider
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_ready(process: subprocess.Popen[bytes], provider: Provider, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test identity provider exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{provider.issuer}/.well-known/openid-configuration", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the test identity provider did not start:\n{log.read_text()[-3000:]}")


def register_rows() -> list[list[str]]:
    """The invented HR export, with a person for alice (her account linked) and for ilse."""
    from open_integriteit.people.tests.files import ROWS

    alice = ["2001", "Alice", "de Vries", "", "medewerker", "", "", "", "",
             "DIR", "Directie", "", "Integriteitscoördinator", "11", "nee", "nee", "", "", "alice"]  # fmt: skip
    return [list(row) for row in ROWS] + [alice]


@pytest.fixture
def oidc_register(org: Any, personas: Any) -> None:
    """The organisation's people register: youssef (1004) left a month ago."""
    from open_integriteit.people.services import people_import
    from open_integriteit.people.tests.files import as_csv

    rows = register_rows()
    earlier = dt.date.today() - dt.timedelta(days=30)
    people_import(organisation=org, by=None, file_name="hr.csv", data=as_csv(rows), dry_run=False, today=earlier)
    without_youssef = [row for row in rows if row[0] != "1004"]
    people_import(
        organisation=org, by=None, file_name="hr.csv", data=as_csv(without_youssef), dry_run=False, today=earlier
    )


@pytest.fixture
def oidc_configuration(org: Any, personas: Any, oidc_provider: Provider, oidc_register: None) -> Any:
    """The organisation's provider, set up by its administrator (erin) through the service."""
    from open_integriteit.accounts.oidc.services import oidc_configuration_save

    return oidc_configuration_save(
        organisation=org,
        by=personas["erin"],
        enabled=True,
        issuer=oidc_provider.issuer,
        client_id=oidc_provider.client_id,
        client_secret=oidc_provider.client_secret,
        scopes="openid email profile",
        claim="employee_number",
        link_field="external_id",
        provider_enforces_mfa=False,
    )


def provider_log_in(client: Any, start_url: str, username: str, meanwhile: Callable[[], Any] | None = None) -> Any:
    """Start the log-in with the test client, log in at the provider (with ``requests`` as
    the browser there), and return the test client's answer to the provider's redirect back
    (``meanwhile`` runs just before the browser comes back)."""
    import requests

    answer = client.get(start_url)
    assert answer.status_code == 302, answer
    at_provider = requests.Session()
    page = at_provider.get(answer["Location"], timeout=10)  # → the provider's log-in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None, page.text[:500]
    next_field = re.search(r'name="next" value="([^"]*)"', page.text)
    back = at_provider.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
            "next": next_field.group(1).replace("&amp;", "&") if next_field else "",
        },
        allow_redirects=False,
        timeout=10,
    )
    while back.status_code == 302 and not back.headers["Location"].startswith("http://testserver"):
        back = at_provider.get(urljoin(back.url, back.headers["Location"]), allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text[:500]
    location = urlsplit(back.headers["Location"])
    if meanwhile is not None:
        meanwhile()
    return client.get(f"{location.path}?{location.query}")
