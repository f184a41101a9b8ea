"""The annual programme: alice (coordinator) plans actions per year; an action not done is
carried to the next year with one click, once, however often the button is pressed; the
copy links to its origin and the origin reads "doorgeschoven naar 2027". Everyone else
gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.accounts.models import Role, User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.programme import services
from open_integriteit.programme.models import Action
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def plan(org: Any, by: User, **overrides: Any) -> Action:
    return services.action_add(**{"organisation": org, "by": by, "year": 2026, "title": "Dilemmasessies", **overrides})


def test_alice_adds_an_action_to_the_programme(org: Any, personas: dict[str, User], client_for: Any) -> None:
    alice = client_for(personas["alice"])
    response = alice.post(
        reverse("programme:new", args=[2026]),
        {
            "title": "Dilemmasessies per directie",
            "owner_text": "Team integriteit",
            "theme": "Bewustwording",
            "quarter": "q2",
            "status": "planned",
        },
    )
    assert response["Location"] == reverse("programme:year", args=[2026])
    action = Action.objects.get()
    assert (action.year, action.owner_name, action.quarter, action.status) == (
        2026,
        "Team integriteit",
        "q2",
        "planned",
    )
    page = alice.get(reverse("programme:year", args=[2026])).content.decode()
    assert "Dilemmasessies per directie" in page and "Doorschuiven naar 2027" in page


def test_carrying_twice_makes_one_copy_that_keeps_its_history(
    org: Any, personas: dict[str, User], client_for: Any
) -> None:
    origin = plan(org, personas["alice"], status="in_progress", quarter="q4", deadline=dt.date(2026, 11, 30))
    alice = client_for(personas["alice"])
    url = reverse("programme:carry", args=[origin.pk])
    first = alice.post(url)
    second = alice.post(url)  # a double submit, or a reload of the post
    assert first["Location"] == second["Location"] == reverse("programme:year", args=[2026])
    (copy,) = Action.objects.filter(year=2027)
    assert (copy.carried_from, copy.title, copy.status, copy.quarter, copy.deadline) == (
        origin,
        "Dilemmasessies",
        "planned",
        "q4",
        None,
    )
    assert AuditEvent.objects.filter(action="programme.action_carried").count() == 1
    origin_page = alice.get(reverse("programme:year", args=[2026])).content.decode()
    assert "doorgeschoven naar 2027" in origin_page and "Doorschuiven naar 2027" not in origin_page
    copy_page = alice.get(reverse("programme:year", args=[2027])).content.decode()
    assert "doorgeschoven uit 2026" in copy_page
    assert "Doorgeschoven naar 2027" in alice.get(reverse("programme:edit", args=[origin.pk])).content.decode()


def test_a_finished_action_is_not_carried(org: Any, personas: dict[str, User], client_for: Any) -> None:
    done = plan(org, personas["alice"], status="done", outcome="Vier sessies gehouden.")
    with pytest.raises(ValidationError):
        services.action_carry(action=done, by=personas["alice"])
    client_for(personas["alice"]).post(reverse("programme:carry", args=[done.pk]))
    assert not Action.objects.filter(year=2027).exists()


def test_the_year_shows_last_years_actions_with_their_outcome(
    org: Any, personas: dict[str, User], client_for: Any
) -> None:
    plan(org, personas["alice"], year=2025, title="Gedragscode herzien", status="done", outcome="Vastgesteld in juni.")
    plan(org, personas["alice"], year=2026, title="Meldprocedure evalueren")
    page = client_for(personas["alice"]).get(reverse("programme:year", args=[2026])).content.decode()
    assert "Gedragscode herzien" in page and "Vastgesteld in juni." in page and "Meldprocedure evalueren" in page


def test_only_the_coordinator_keeps_the_programme(org: Any, personas: dict[str, User], client_for: Any) -> None:
    action = plan(org, personas["alice"])
    personas["rita"] = make_user(org, "rita", Role.REGISTER_CLERK)
    for name in ("bob", "carol", "dave", "erin", "frank", "mila", "rita", "grace"):
        client = client_for(personas[name])
        assert client.get(reverse("programme:year", args=[2026])).status_code == (200 if name == "grace" else 404)
        assert client.get(reverse("programme:edit", args=[action.pk])).status_code == 404, name
        assert client.post(reverse("programme:carry", args=[action.pk])).status_code == 404, name
    assert not Action.objects.filter(year=2027).exists()
    with pytest.raises(PermissionDenied):
        services.action_carry(action=action, by=personas["grace"])


def test_an_owner_from_another_organisation_is_refused(org: Any, other_org: Any, personas: dict[str, User]) -> None:
    from open_integriteit.people.models import Person, PersonKind

    stranger = Person.objects.create(
        organisation=other_org, external_id="9", kind=PersonKind.EMPLOYEE, surname="Elders"
    )
    with pytest.raises(ValidationError):
        plan(org, personas["alice"], owner=stranger)
