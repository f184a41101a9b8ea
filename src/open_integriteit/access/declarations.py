"""Access to the declarations (side jobs, financial interests, gifts): personal data, seen only
by the person they are about, that person's decider, the register clerk and the coordinator
of the organisation. The administrator, a manager of another unit and another organisation
see nothing (404). A draft is seen by its declarant only.

Who decides (``declarations.workflow``):
- for an employee (any person holding a post): a manager of a unit above or at the unit of
  their current post (the same rule as the people register, ``people.managed_units``); the
  reminders go to the nearest of them (``deciders_of``), never to the person themselves;
- for an official: the council clerk (council members) or the secretary (the executive and
  the mayor or King's commissioner), named in the organisation's register settings.

Reading another person's financial interests is audited by the selector that shows them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from open_integriteit.accounts.models import User
from open_integriteit.declarations.models import Declaration, Kind, RegisterSettings, UpdateRound
from open_integriteit.declarations.workflow import DECIDER, DECLARANT, State
from open_integriteit.people.models import Office, Person, PersonKind, PostHolding

from . import roles
from .managers import ManagerTree
from .people import managed_units


def person_of(user: Any) -> Person | None:
    """The person in the register behind this account (not one who left), or None."""
    if not roles.is_staff(user):
        return None
    if hasattr(user, "_declarations_person"):
        cached: Person | None = user._declarations_person
        return cached
    today = timezone.localdate()
    person = (
        Person.objects.filter(user=user, organisation_id=user.organisation_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .first()
    )
    user._declarations_person = person
    return person


def can_declare(user: Any) -> bool:
    """Has "my declarations": every logged-in person who is in the register."""
    return person_of(user) is not None


def sees_all_declarations(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_coordinator(user) or roles.is_register_clerk(user)


def _official_deciders_filter(user: Any) -> Q | None:
    """The officials this user decides for, as the body's clerk or secretary."""
    me = person_of(user)
    if me is None:
        return None
    settings = RegisterSettings.objects.filter(organisation_id=user.organisation_id).first()
    if settings is None:
        return None
    q: Q | None = None
    if settings.council_clerk_id == me.pk:
        q = Q(person__office=Office.COUNCIL_MEMBER)
    if settings.executive_secretary_id == me.pk:
        executive = Q(person__office__in=[Office.EXECUTIVE, Office.HEAD])
        q = executive if q is None else q | executive
    return q


def _decides_filter(user: Any) -> Q | None:
    """Declarations of the people this user decides for (not their own)."""
    q = _official_deciders_filter(user)
    units = managed_units(user)
    if units:
        employees = Q(
            person__holdings__ended_on__isnull=True,
            person__holdings__post__unit_id__in=units,
        ) & ~Q(person__kind=PersonKind.OFFICIAL)
        q = employees if q is None else q | employees
    if q is None:
        return None
    me = person_of(user)
    return q & ~Q(person_id=me.pk) if me is not None else q


def declarations_visible_to(user: Any) -> QuerySet[Declaration]:
    if not roles.is_staff(user):
        return Declaration.objects.none()
    organisation = Declaration.objects.filter(organisation_id=user.organisation_id)
    me = person_of(user)
    own = Q(person_id=me.pk) if me is not None else None
    others: Q | None
    if sees_all_declarations(user):
        others = ~Q(state=State.DRAFT)
    else:
        decides = _decides_filter(user)
        others = (decides & ~Q(state=State.DRAFT)) if decides is not None else None
    q = own if others is None else (others if own is None else own | others)
    if q is None:
        return Declaration.objects.none()
    return organisation.filter(q).distinct()


def decision_queue(user: Any) -> QuerySet[Declaration]:
    """The submitted declarations this user decides on."""
    decides = _decides_filter(user)
    if decides is None:
        return Declaration.objects.none()
    return (
        Declaration.objects.filter(organisation_id=user.organisation_id, state=State.SUBMITTED)
        .filter(decides)
        .distinct()
    )


def can_view_declaration(user: Any, declaration: Declaration) -> bool:
    return declarations_visible_to(user).filter(pk=declaration.pk).exists()


def is_declarant(user: Any, declaration: Declaration) -> bool:
    me = person_of(user)
    return me is not None and me.pk == declaration.person_id and declaration.organisation_id == me.organisation_id


def can_decide(user: Any, declaration: Declaration) -> bool:
    return decision_queue(user).filter(pk=declaration.pk).exists()


def actors(user: Any, declaration: Declaration) -> frozenset[str]:
    """The relations to this declaration that the transition table names."""
    from open_integriteit.declarations.workflow import CLERK

    found = set()
    if is_declarant(user, declaration):
        found.add(DECLARANT)
    if declaration.state == State.SUBMITTED and can_decide(user, declaration):
        found.add(DECIDER)
    if roles.is_register_clerk(user) and roles.in_organisation(user, declaration.organisation_id):
        found.add(CLERK)
    return frozenset(found)


def can_record_gift_destination(user: Any, declaration: Declaration) -> bool:
    """The register clerk records where a handed-in gift goes."""
    return (
        declaration.kind == Kind.GIFT
        and roles.is_register_clerk(user)
        and roles.in_organisation(user, declaration.organisation_id)
        and declaration.state != State.DRAFT
    )


def is_audited_read(user: Any, declaration: Declaration) -> bool:
    """Reading another person's financial interest is recorded in the audit trail."""
    return declaration.kind == Kind.FINANCIAL_INTEREST and not is_declarant(user, declaration)


def can_manage_register_settings(user: Any, organisation_id: int | None = None) -> bool:
    return sees_all_declarations(user, organisation_id)


def deciders_of(person: Person, *, tree: ManagerTree | None = None) -> QuerySet[User]:
    """The accounts that are asked to decide on this person's declarations (reminders): the
    body's clerk or secretary for an official, else the managers of the nearest unit at or
    above the unit of their current post that has a manager other than the person
    (``managers.ManagerTree``; pass one to look up many people of one organisation)."""
    active = Q(is_active=True, organisation_id=person.organisation_id)
    if person.kind == PersonKind.OFFICIAL:
        settings = RegisterSettings.objects.filter(organisation_id=person.organisation_id).first()
        if settings is None:
            return User.objects.none()
        council = person.office == Office.COUNCIL_MEMBER
        decider_id = settings.council_clerk_id if council else settings.executive_secretary_id
        if decider_id is None or decider_id == person.pk:
            return User.objects.none()
        return User.objects.filter(active, person__pk=decider_id)
    holding = PostHolding.objects.filter(person=person, ended_on__isnull=True).select_related("post").first()
    if holding is None:
        return User.objects.none()
    tree = tree or ManagerTree(person.organisation_id, on=timezone.localdate())
    return User.objects.filter(pk__in=tree.nearest(holding.post.unit_id, person_id=person.pk))


# --- Decisions, gifts and register settings (the deciders' and the register clerk's pages) ---


def declarations_for_deciding(user: Any) -> QuerySet[Declaration]:
    """What the decision pages show: the declarations this user sees as decider, register
    clerk or coordinator, never drafts and never their own (those are on "my declarations";
    nobody decides on their own declaration)."""
    visible = declarations_visible_to(user).exclude(state=State.DRAFT)
    me = person_of(user)
    return visible.exclude(person_id=me.pk) if me is not None else visible


def can_open_decision_queue(user: Any) -> bool:
    """The queue page opens for whoever decides for someone, and for who sees all."""
    return sees_all_declarations(user) or _decides_filter(user) is not None


def can_list_gifts_to_hand_in(user: Any) -> bool:
    """The register clerk keeps the gifts that are handed in."""
    return roles.is_register_clerk(user)


def escalation_recipients(declaration: Declaration) -> QuerySet[User]:
    """Who hears that a decision is overdue: the organisation's coordinators, never the
    person the declaration is about."""
    return roles.coordinators_of(declaration.organisation_id).exclude(person__pk=declaration.person_id)


# --- Update rounds (ADR 0023) -------------------------------------------------------------
# The register clerk starts, reminds and closes the rounds of their organisation; the
# coordinator may read them (the rounds, their completion per unit and per person). Nobody
# else sees a round: not the administrator, not a manager, not another organisation (404).


def can_manage_rounds(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_register_clerk(user)


def can_view_rounds(user: Any, organisation_id: int | None = None) -> bool:
    if organisation_id is not None and not roles.in_organisation(user, organisation_id):
        return False
    return roles.is_register_clerk(user) or roles.is_coordinator(user)


def rounds_visible_to(user: Any) -> QuerySet[UpdateRound]:
    if not roles.is_staff(user) or not can_view_rounds(user):
        return UpdateRound.objects.none()
    return UpdateRound.objects.filter(organisation_id=user.organisation_id)


def can_view_round(user: Any, update_round: UpdateRound) -> bool:
    return can_view_rounds(user, update_round.organisation_id)


def can_send_last_reminder(user: Any, update_round: UpdateRound) -> bool:
    """Once per round, while it is open and after it has opened."""
    return (
        can_manage_rounds(user, update_round.organisation_id)
        and update_round.closed_at is None
        and update_round.last_reminder_at is None
        and update_round.opens_on <= timezone.localdate()
    )


def can_close_round(user: Any, update_round: UpdateRound) -> bool:
    return can_manage_rounds(user, update_round.organisation_id) and update_round.closed_at is None


def current_posts(person: Person) -> QuerySet[PostHolding]:
    """The person's current post holdings (designated posts first)."""
    return (
        PostHolding.objects.filter(person=person, ended_on__isnull=True)
        .select_related("post")
        .order_by("-post__designated", "-started_on", "-pk")
    )


def may_hold_financial_interests(person: Person) -> bool:
    """The financial-interest duty: officials and holders of a designated post."""
    if person.kind == PersonKind.OFFICIAL:
        return True
    return current_posts(person).filter(post__designated=True).exists()


def can_declare_financial_interest(user: Any) -> bool:
    me = person_of(user)
    return me is not None and may_hold_financial_interests(me)
