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

The case team (``team``) adds pat, a case principal. ``make_case(state=...)`` creates a
case through ``case_create`` and walks it along the shortest path of the transition table
with the real ``case_transition`` service, so every state is reached the way users reach it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from open_integriteit.accounts import services as account_services
from open_integriteit.accounts.models import Role, User
from open_integriteit.cases import services as case_services
from open_integriteit.cases import workflow
from open_integriteit.cases.models import Case
from open_integriteit.cases.workflow import State
from open_integriteit.organisations.models import Organisation, OrganisationKind
from open_integriteit.organisations.services import organisation_create
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import MessageKind, Report

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


REASON = "Invented reason for this step."


def shortest_path(target: str, source: str = State.INTAKE) -> list[workflow.Transition]:
    """The transitions of a shortest walk from ``source`` to ``target`` in the table."""
    previous: dict[str, workflow.Transition | None] = {source: None}
    queue = deque([source])
    while queue:
        state = queue.popleft()
        for transition in workflow.TRANSITIONS:
            if transition.source == state and transition.target not in previous:
                previous[transition.target] = transition
                queue.append(transition.target)
    if target not in previous:
        raise AssertionError(f"{target} is not reachable from {source}")
    path: list[workflow.Transition] = []
    state = target
    while (step := previous[state]) is not None:
        path.append(step)
        state = step.source
    return list(reversed(path))


@pytest.fixture
def team(org: Organisation, personas: dict[str, User]) -> dict[str, User]:
    """The personas plus pat, a case principal of the same organisation."""
    return {**personas, "pat": make_user(org, "pat", Role.CASE_PRINCIPAL)}


def actor_for_transition(team: dict[str, User], transition: workflow.Transition) -> User | None:
    """Who makes a transition in the factory: alice, pat or bob, or the system."""
    by_role = {Role.COORDINATOR: team["alice"], Role.CASE_PRINCIPAL: team["pat"], Role.INVESTIGATOR: team["bob"]}
    for role in (Role.COORDINATOR, Role.CASE_PRINCIPAL, Role.INVESTIGATOR):
        if role in transition.roles:
            return by_role[role]
    assert transition.roles == {workflow.SYSTEM}
    return None


FEEDBACK = "Invented feedback: the report has been assessed and handled."


def give_feedback(case: Case, by: User) -> None:
    """Feedback on every report of the case that has had none (closing requires it)."""
    for report in Report.objects.filter(case_link__case=case, feedback_at__isnull=True):
        report_services.report_send_message(report=report, by=by, kind=MessageKind.FEEDBACK, body=FEEDBACK)


def walk_case(case: Case, team: dict[str, User], *names: str) -> Case:
    """Make the named transitions in order, each by a team member allowed to make it; before
    closing, the coordinator gives feedback on every report that has had none."""
    for name in names:
        transition = workflow.BY_NAME[name]
        if name == "close":
            give_feedback(case, team["alice"])
        case = case_services.case_transition(
            case=case, by=actor_for_transition(team, transition), transition=name, reason=REASON
        )
        assert case.state == transition.target
    return case


@pytest.fixture
def walk(team: dict[str, User]) -> Callable[..., Case]:
    return lambda case, *names: walk_case(case, team, *names)


@pytest.fixture
def make_case(org: Organisation, team: dict[str, User], walk: Callable[..., Case]) -> Callable[..., Case]:
    """A case made by alice, with bob and pat assigned, walked to ``state``."""

    def make(
        *,
        state: str = State.INTAKE,
        reports: Iterable[Report] = (),
        assign: Iterable[str] = ("bob", "pat"),
        title: str = "Invented case about a tender",
        signal: str = "Invented signal from the internal audit.",
        ground: str = "business_integrity",
        **extra: Any,
    ) -> Case:
        reports = list(reports)
        case = case_services.case_create(
            organisation=org,
            by=team["alice"],
            title=title,
            ground=ground,
            reports=reports,
            signal="" if reports else signal,
            **extra,
        )
        for name in assign:
            case_services.case_assign(case=case, by=team["alice"], user=team[name])
        return walk(case, *(t.name for t in shortest_path(state)))

    return make
