"""The demo fills the declaration registers of both demo organisations through the real
services, gives the demo accounts something to do, and loading it again changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from open_integriteit.access import declarations as access
from open_integriteit.accounts.models import User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.core.demo import load_demo
from open_integriteit.declarations import publication, rounds
from open_integriteit.declarations.demo import load_demo_declarations
from open_integriteit.declarations.models import (
    Declaration,
    DeclarationEvent,
    Kind,
    NilReturn,
    RegisterSettings,
    UpdateRound,
)
from open_integriteit.declarations.workflow import State
from open_integriteit.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SLUGS = ("provincie-voorbeeld", "gemeente-voorbeeldstad")


def _snapshot() -> dict[str, list[tuple]]:
    return {
        "declarations": list(Declaration.objects.order_by("pk").values_list("pk", "state", "updated_at")),
        "events": list(DeclarationEvent.objects.order_by("pk").values_list("pk", "at")),
        "nil_returns": list(NilReturn.objects.order_by("pk").values_list("pk", "answered_at")),
        "rounds": list(UpdateRound.objects.order_by("pk").values_list("pk", "closed_at", "completed_count")),
        "settings": list(
            RegisterSettings.objects.order_by("pk").values_list("pk", "council_clerk", "executive_secretary")
        ),
        "users": list(User.objects.order_by("pk").values_list("pk", "username")),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk")),
    }


def test_both_organisations_get_declarations_in_every_state_rounds_and_settings():
    load_demo()
    for slug in SLUGS:
        organisation = Organisation.objects.get(slug=slug)
        declarations = Declaration.objects.filter(organisation=organisation)
        assert set(declarations.values_list("state", flat=True)) == set(State.values), slug
        assert set(declarations.values_list("kind", flat=True)) == set(Kind.values), slug
        gifts = declarations.filter(kind=Kind.GIFT)
        assert gifts.filter(estimated_value__gt=50).exclude(destination="").exists(), slug
        assert gifts.filter(estimated_value__lte=50).exists(), slug
        assert NilReturn.objects.filter(organisation=organisation).exists(), slug
        settings = RegisterSettings.objects.get(organisation=organisation)
        assert settings.council_clerk is not None and settings.executive_secretary is not None
        assert settings.council_clerk.user is not None and settings.executive_secretary.user is not None
        closed = UpdateRound.objects.get(organisation=organisation, closed_at__isnull=False)
        assert closed.scope_count and 0 < closed.completed_count < closed.scope_count
        assert closed.opens_on < closed.due_on < closed.closed_at.date()
        assert rounds.open_rounds(organisation.pk).count() == 1
        for register in publication.REGISTERS:
            assert publication.published(organisation_id=organisation.pk, register=register).exists(), (
                slug,
                register.slug,
            )


def test_every_step_of_a_demo_declaration_is_dated_in_order_and_not_in_the_future():
    load_demo()
    for declaration in Declaration.objects.prefetch_related("events"):
        moments = [declaration.created_at, *(e.at for e in declaration.events.all())]
        assert moments == sorted(moments), declaration.pk
        assert max(moments) <= declaration.updated_at or declaration.state == State.DRAFT
        if declaration.submitted_at:
            assert declaration.created_at <= declaration.submitted_at <= (declaration.decided_at or moments[-1])


def test_the_employee_has_declarations_and_a_round_task_and_the_manager_a_decision_waiting(client):
    load_demo()
    employee = User.objects.get(username="medewerker")
    manager = User.objects.get(username="leidinggevende")
    person = access.person_of(employee)
    assert Declaration.objects.filter(person=person, state=State.DRAFT).exists()
    assert Declaration.objects.filter(person=person, state=State.SUBMITTED).exists()
    assert rounds.tasks_of(person)
    assert access.decision_queue(manager).exists()
    client.force_login(employee)
    page = client.get(reverse("declarations:my_overview")).content.decode()
    assert "Tennisvereniging De Kaatsbaan" in page
    assert 'data-testid="round-tasks"' in page


def test_the_public_registers_of_the_demo_show_officials_and_posts_without_names():
    load_demo()
    province = Organisation.objects.get(slug="provincie-voorbeeld")
    rows = publication.published(organisation_id=province.pk, register=publication.POSTS_SIDE_JOBS)
    assert {d.post.title for d in rows} == {"Senior inkoper"}


def test_loading_the_demo_again_changes_nothing():
    load_demo()
    before = _snapshot()
    load_demo()
    load_demo_declarations({o.slug: o for o in Organisation.objects.filter(slug__in=SLUGS)})
    assert _snapshot() == before
