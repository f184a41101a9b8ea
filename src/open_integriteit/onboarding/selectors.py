"""Reads of the onboarding app, scoped by ``access.onboarding``: 404, never 403."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from open_integriteit.access import onboarding as access
from open_integriteit.access import people as people_access
from open_integriteit.audit.services import audit_log
from open_integriteit.people.models import Person, PostHolding, Unit, make_sort_key

from . import duty
from .models import Ceremony, CertificateOfConduct, IntegrityStatement, OnboardingSettings, Participant

if TYPE_CHECKING:
    from django.http import HttpRequest

SEARCH_LIMIT = 50


def require_record(*, user: Any) -> None:
    if not access.can_record(user, getattr(user, "organisation_id", None)):
        raise Http404


def require_overdue(*, user: Any) -> None:
    if not access.can_view_overdue(user):
        raise Http404


def ceremonies_for_user(*, user: Any) -> QuerySet[Ceremony]:
    require_record(user=user)
    return (
        Ceremony.objects.filter(organisation_id=user.organisation_id)
        .annotate(
            oaths=Count("participants", filter=Q(participants__pledge="oath")),
            affirmations=Count("participants", filter=Q(participants__pledge="affirmation")),
            open_pledges=Count("participants", filter=Q(participants__pledge="")),
        )
        .order_by("-held_on", "-pk")
    )


def ceremony_for_user(*, user: Any, pk: int) -> Ceremony:
    require_record(user=user)
    participants = Participant.objects.select_related("person")
    ceremony = (
        Ceremony.objects.filter(organisation_id=user.organisation_id, pk=pk)
        .prefetch_related(Prefetch("participants", queryset=participants))
        .first()
    )
    if ceremony is None:
        raise Http404
    return ceremony


def sorted_participants(ceremony: Ceremony) -> list[Participant]:
    """Participants in name order (names are encrypted: sorted here, ADR 0018)."""
    return sorted(
        ceremony.participants.all(),
        key=lambda p: p.person.name_for_sorting if p.person else ("~", ""),
    )


def participant_for_user(*, user: Any, ceremony: Ceremony, pk: int) -> Participant:
    participant = Participant.objects.filter(ceremony=ceremony, pk=pk).select_related("ceremony").first()
    if participant is None:
        raise Http404
    return participant


def search_people(*, user: Any, query: str, ceremony: Ceremony | None = None) -> list[Person]:
    """People in service found by personnel number or by surname (names are encrypted: the
    database narrows by the surname's first letters, the rest is compared here)."""
    query = query.strip()
    if not query:
        return []
    today = timezone.localdate()
    people = access.people_to_record(user).filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
    if ceremony is not None:
        people = people.exclude(pledges__ceremony=ceremony)
    if query.isdigit():
        return list(people.filter(external_id__startswith=query).order_by("external_id")[:SEARCH_LIMIT])
    wanted = query.casefold()
    key = make_sort_key(query)
    if not key:
        return []
    found = [p for p in people.filter(sort_key__startswith=key) if wanted in p.full_name.casefold()]
    return sorted(found, key=lambda p: p.name_for_sorting)[:SEARCH_LIMIT]


def people_by_pk(*, user: Any, pks: list[str]) -> QuerySet[Person]:
    return access.people_to_record(user).filter(pk__in=[pk for pk in pks if pk.isdigit()])


@dataclass(frozen=True)
class OverdueRow:
    item: duty.Overdue
    units: list[Unit]


def units_for_filter(*, user: Any) -> QuerySet[Unit]:
    units = people_access.units_visible_to(user)
    scope = access.overdue_units_for(user)
    return (units if scope is None else units.filter(pk__in=scope)).order_by("name", "pk")


def overdue_for_user(*, user: Any, unit: Unit | None = None) -> list[OverdueRow]:
    """Who is overdue today: the whole organisation for the recorders, the people of their
    units for a manager; in ``unit`` and its sub-units when given."""
    require_overdue(user=user)
    scope = access.overdue_units_for(user)
    if unit is not None:
        below = people_access.subtree({unit.pk}, unit.organisation_id)
        scope = below if scope is None else scope & below
    today = timezone.localdate()
    overdue = duty.overdue_on(organisation_id=user.organisation_id, day=today, units=scope)
    current: dict[int, list[Unit]] = {}
    for holding in PostHolding.objects.filter(
        person__in=[o.person for o in overdue], ended_on__isnull=True
    ).select_related("post__unit"):
        current.setdefault(holding.person_id, []).append(holding.post.unit)
    return [OverdueRow(item=o, units=current.get(o.person.pk, [])) for o in overdue]


@dataclass(frozen=True)
class PersonOnboarding:
    person: Person
    pledges: list[Participant]
    statements: list[IntegrityStatement]
    certificates: list[CertificateOfConduct]
    overdue: duty.Overdue | None
    settings: OnboardingSettings


def person_for_user(*, user: Any, pk: int, request: HttpRequest | None = None, log: bool = True) -> PersonOnboarding:
    """A person's oath, statements and certificates; every read is audited."""
    require_record(user=user)
    person = access.people_to_record(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if log:
        audit_log(action="onboarding.person_viewed", actor=user, target=person, request=request)
    today = timezone.localdate()
    overdue = duty.overdue_on(organisation_id=person.organisation_id, day=today, person_id=person.pk)
    return PersonOnboarding(
        person=person,
        pledges=list(person.pledges.select_related("ceremony").order_by("-ceremony__held_on")),
        statements=list(person.integrity_statements.all()),
        certificates=list(person.certificates_of_conduct.all()),
        overdue=overdue[0] if overdue else None,
        settings=duty.settings_for(person.organisation_id),
    )


def settings_for_user(*, user: Any) -> OnboardingSettings:
    require_record(user=user)
    return duty.settings_for(user.organisation_id)


def statements_for_user(*, user: Any) -> QuerySet[IntegrityStatement]:
    require_record(user=user)
    return IntegrityStatement.objects.filter(organisation_id=user.organisation_id).select_related("person")


def certificates_for_user(*, user: Any) -> QuerySet[CertificateOfConduct]:
    require_record(user=user)
    return CertificateOfConduct.objects.filter(organisation_id=user.organisation_id).select_related("person")
