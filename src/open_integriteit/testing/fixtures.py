"""Shared pytest fixtures: organisations, personas per role, and reports made through the
real services. Loaded for every test via the root conftest.py.

Personas (organisation "Provincie Testland" unless noted):
    alice   coordinator
    bob     investigator (assigned to a report where a test needs it)
    carol   confidential adviser, never assigned: the "unassigned colleague"
    dave    manager; tests mark him implicated
    erin    administrator: configures, must never read content
    frank   auditor
    mila    employee
    grace   coordinator of another organisation ("Gemeente Elders")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role, User
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Report

PERSONAS = {
    "alice": Role.COORDINATOR,
    "bob": Role.INVESTIGATOR,
    "carol": Role.CONFIDENTIAL_ADVISER,
    "dave": Role.MANAGER,
    "erin": Role.ADMINISTRATOR,
    "frank": Role.AUDITOR,
    "mila": Role.EMPLOYEE,
}
PASSWORD = "correct-horse-battery-staple"

REPORT_DATA = {
    "ground": "business_integrity",
    "reporter_type": "employee",
    "anonymity": "anonymous",
    "what_happened": "Invented: a supplier always wins without a tender.",
    "when_where": "Last spring",
    "involved": "",
    "how_known": "Saw it myself",
    "reported_elsewhere": "no",
    "reported_elsewhere_detail": "",
}


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path: Any) -> None:
    """Every test gets its own encrypted-file directory and mail outbox."""
    settings.OI_FILE_ROOT = tmp_path / "files"


@pytest.fixture
def org(db: Any) -> Organisation:
    return organisation_create(name="Provincie Testland", slug="provincie-testland", kind=OrganisationKind.PROVINCE)


@pytest.fixture
def other_org(db: Any) -> Organisation:
    return organisation_create(name="Gemeente Elders", slug="gemeente-elders", kind=OrganisationKind.MUNICIPALITY)


def make_user(organisation: Organisation, username: str, role: str) -> User:
    user = account_services.user_create(
        organisation=organisation,
        username=username,
        first_name=username.capitalize(),
        email=f"{username}@example.invalid",
        password=PASSWORD,
        roles=[role],
    )
    if user.needs_two_factor:
        account_services.totp_device_create(user=user, confirmed=True)
    return user


@pytest.fixture
def personas(org: Organisation, other_org: Organisation) -> dict[str, User]:
    people = {name: make_user(org, name, role) for name, role in PERSONAS.items()}
    people["grace"] = make_user(other_org, "grace", Role.COORDINATOR)
    return people


def login(client: Client, user: User) -> Client:
    """Log in as the user, with the second factor verified as after a real TOTP check."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(db: Any) -> Callable[[User], Client]:
    def make(user: User) -> Client:
        return login(Client(), user)

    return make


@pytest.fixture
def make_report(org: Organisation) -> Callable[..., tuple[Report, str]]:
    """Submit a report through the real public service; returns (report, receipt code)."""

    def make(
        organisation: Organisation | None = None, identity: dict[str, str] | None = None, **data: Any
    ) -> tuple[Report, str]:
        return report_services.report_submit(
            organisation=organisation or org, data={**REPORT_DATA, **data}, identity=identity
        )

    return make


@pytest.fixture
def run_job(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a background job as the worker does: its on-commit work (mails) runs too."""

    def run(job: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return job(*args, **kwargs)

    return run
