"""Deciding on declarations: the decider's page and form, the mail to the declarant, the
states that can no longer be decided, two deciders at once, the clerk who sees but does
not decide, and the declarant who never decides on their own."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from open_integriteit.access import menu
from open_integriteit.audit.models import AuditEvent
from open_integriteit.declarations import decisions
from open_integriteit.declarations.models import Declaration, DeclarationEvent, Kind, RegisterSettings
from open_integriteit.declarations.services import declaration_transition
from open_integriteit.declarations.workflow import State

from .decision_fixtures import DecideWorld, build
from .decision_world import submitted

pytestmark = pytest.mark.django_db

REASON = "Invented: no conflict with the work in permits."


@pytest.fixture
def w(org: Any, personas: Any) -> DecideWorld:
    return build(org, personas)


def _decide(client: Any, declaration: Declaration, **data: str) -> Any:
    return client.post(reverse("declarations:decide", args=[declaration.pk]), data)


def test_the_decision_form_starts_empty_and_keeps_what_was_typed(w: DecideWorld, client_for: Any) -> None:
    declaration = w.submitted()
    dave = client_for(w.people["dave"])
    page = dave.get(reverse("declarations:decide", args=[declaration.pk])).content.decode()
    assert "Invented Sports Club" in page and "Sanne de Wit" in page
    assert 'name="decision"' in page and "checked" not in page
    response = _decide(dave, declaration, decision="approve_restricted", reason=REASON, restriction="")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beschrijf de beperking." in page and REASON in page
    declaration.refresh_from_db()
    assert declaration.state == State.SUBMITTED
    assert "Kies een besluit." in _decide(dave, declaration, reason=REASON).content.decode()


def test_the_decider_approves_with_a_restriction_and_the_declarant_hears_of_it_without_content(
    w: DecideWorld, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    declaration = w.submitted()
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            client_for(w.people["dave"]),
            declaration,
            decision="approve_restricted",
            reason=REASON,
            restriction="Not during office hours",
        )
    assert response.status_code == 302 and response["Location"] == reverse("declarations:queue")
    declaration.refresh_from_db()
    assert declaration.state == State.RESTRICTED
    assert declaration.restriction == "Not during office hours"
    assert declaration.decided_by == w.people["dave"] and declaration.decision_reason == REASON
    assert list(declaration.events.values_list("transition", flat=True)) == ["submit", "approve_restricted"]
    (message,) = mail.outbox
    assert message.to == ["mila@example.invalid"]  # no address in the register: the account's
    assert message.subject == "Er is een besluit over uw opgave"
    assert "/mijn-opgaven/" in message.body
    for content in ("Invented Sports Club", "Treasurer", REASON, "office hours", "Sanne", "goedgekeurd"):
        assert content not in message.body and content not in message.subject
    event = AuditEvent.objects.filter(action="declarations.transition").latest("sequence")
    assert event.details["transition"] == "approve_restricted" and event.actor_id == w.people["dave"].pk


def test_the_mail_goes_to_the_address_in_the_register_first(
    w: DecideWorld, django_capture_on_commit_callbacks: Any
) -> None:
    sanne = w.persons["1003"]
    sanne.email = "s.dewit@example.invalid"
    sanne.save()
    declaration = w.submitted()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.declaration_decide(declaration=declaration, by=w.people["dave"], decision="refuse", reason=REASON)
    assert [m.to for m in mail.outbox] == [["s.dewit@example.invalid"]]


def test_no_mail_when_the_decision_is_rolled_back(w: DecideWorld, django_capture_on_commit_callbacks: Any) -> None:
    declaration = w.submitted()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        decisions.declaration_decide(declaration=declaration, by=w.people["dave"], decision="refuse", reason="")
    assert mail.outbox == []


@pytest.mark.parametrize("first", ["refuse", "withdraw"])
def test_a_refused_or_withdrawn_declaration_cannot_be_decided(w: DecideWorld, client_for: Any, first: str) -> None:
    declaration = w.submitted()
    if first == "refuse":
        decisions.declaration_decide(declaration=declaration, by=w.people["dave"], decision="refuse", reason=REASON)
    else:
        declaration_transition(declaration=declaration, name="withdraw", by=w.people["mila"])
    state = Declaration.objects.get(pk=declaration.pk).state
    events = DeclarationEvent.objects.filter(declaration=declaration).count()
    for decision in decisions.DECISIONS:
        with pytest.raises(PermissionDenied):
            decisions.declaration_decide(declaration=declaration, by=w.people["dave"], decision=decision, reason=REASON)
    dave = client_for(w.people["dave"])
    page = dave.get(reverse("declarations:decide", args=[declaration.pk])).content.decode()
    assert 'name="decision"' not in page and "wacht niet op een besluit" in page
    response = _decide(dave, declaration, decision="approve", reason=REASON)
    assert response.status_code == 302
    assert Declaration.objects.get(pk=declaration.pk).state == state
    assert DeclarationEvent.objects.filter(declaration=declaration).count() == events


@pytest.mark.django_db(transaction=True)
def test_two_deciders_deciding_at_the_same_moment_end_with_one_decision(org: Any, personas: Any) -> None:
    w = build(org, personas)
    declaration = w.submitted()
    deciders = [("dave", "approve"), ("ilse", "refuse")]
    barrier = threading.Barrier(len(deciders))
    outcomes: list[str] = [""] * len(deciders)

    def decide(index: int) -> None:
        name, decision = deciders[index]
        try:
            stale = Declaration.objects.get(pk=declaration.pk)  # both read it while it waits
            barrier.wait()
            decisions.declaration_decide(declaration=stale, by=w.people[name], decision=decision, reason=REASON)
            outcomes[index] = "decided"
        except PermissionDenied:
            outcomes[index] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(len(deciders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["decided", "refused"]
    declaration.refresh_from_db()
    winner = deciders[outcomes.index("decided")]
    assert declaration.decided_by == w.people[winner[0]]
    assert list(declaration.events.values_list("transition", flat=True)) == ["submit", winner[1]]


def test_the_clerk_and_the_coordinator_see_it_but_do_not_decide(w: DecideWorld, client_for: Any) -> None:
    declaration = w.submitted()
    for name in ("rita", "alice"):
        client = client_for(w.people[name])
        page = client.get(reverse("declarations:decide", args=[declaration.pk])).content.decode()
        assert "Invented Sports Club" in page and 'name="decision"' not in page
        response = _decide(client, declaration, decision="approve", reason=REASON)
        assert response.status_code == 302
        assert Declaration.objects.get(pk=declaration.pk).state == State.SUBMITTED
        with pytest.raises(PermissionDenied):
            decisions.declaration_decide(declaration=declaration, by=w.people[name], decision="approve", reason=REASON)


def test_the_clerk_decides_where_they_are_the_decider(w: DecideWorld, client_for: Any) -> None:
    """Rita (1005) is named secretary: she decides for the deputy, Pieter Zwart."""
    RegisterSettings.objects.update_or_create(organisation=w.org, defaults={"executive_secretary": w.persons["1005"]})
    declaration = submitted(w.persons["9001"], Kind.SIDE_JOB, body="Invented Foundation", role="Chair")
    rita = client_for(w.people["rita"])
    assert 'name="decision"' in rita.get(reverse("declarations:decide", args=[declaration.pk])).content.decode()
    assert _decide(rita, declaration, decision="approve", reason=REASON).status_code == 302
    assert Declaration.objects.get(pk=declaration.pk).state == State.APPROVED


def test_the_declarant_never_decides_on_their_own(w: DecideWorld, client_for: Any) -> None:
    """Dave manages OMG and holds a post in it: his own declaration is not his to decide,
    and the decision pages do not show it to him (his own pages do)."""
    own = w.submitted("1002")
    dave = client_for(w.people["dave"])
    assert dave.get(reverse("declarations:decide", args=[own.pk])).status_code == 404
    assert _decide(dave, own, decision="approve", reason=REASON).status_code == 404
    with pytest.raises(PermissionDenied):
        decisions.declaration_decide(declaration=own, by=w.people["dave"], decision="approve", reason=REASON)
    assert "Invented Sports Club" not in dave.get(reverse("declarations:queue")).content.decode()
    assert Declaration.objects.get(pk=own.pk).state == State.SUBMITTED


@pytest.mark.parametrize("name", ["grace", "erin", "mila", "bob"])
def test_others_get_404(w: DecideWorld, client_for: Any, name: str) -> None:
    declaration = w.submitted()
    client = client_for(w.people[name])
    assert client.get(reverse("declarations:decide", args=[declaration.pk])).status_code == 404
    assert _decide(client, declaration, decision="approve", reason=REASON).status_code == 404
    assert Declaration.objects.get(pk=declaration.pk).state == State.SUBMITTED


def test_reading_another_persons_financial_interest_is_audited(w: DecideWorld, client_for: Any) -> None:
    interest = w.submitted(kind=Kind.FINANCIAL_INTEREST, interest_kind="shares", description="Invented shares")
    side_job = w.submitted()
    dave = client_for(w.people["dave"])
    dave.get(reverse("declarations:decide", args=[side_job.pk]))
    assert not AuditEvent.objects.filter(action="declarations.viewed").exists()
    assert "Invented shares" in dave.get(reverse("declarations:decide", args=[interest.pk])).content.decode()
    (event,) = AuditEvent.objects.filter(action="declarations.viewed")
    assert event.actor_id == w.people["dave"].pk and event.object_id == str(interest.pk)
    assert event.details == {"kind": "financial_interest"}


# --- The queue ---------------------------------------------------------------------------------


def test_the_deciders_queue_lists_their_peoples_waiting_declarations_oldest_first(
    w: DecideWorld, client_for: Any
) -> None:
    with time_machine.travel(dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        old = w.submitted(body="Invented Old Club")
    with time_machine.travel(dt.datetime(2025, 3, 20, 9, tzinfo=dt.UTC), tick=False):
        new = w.submitted(body="Invented New Club")
    elsewhere = submitted(w.persons["1004"], Kind.SIDE_JOB, body="Invented Intern Job")  # VTH too, no account
    w.submitted("1005", body="Invented Finance Job")  # Emma (rita): not dave's
    decided = w.submitted(body="Invented Decided Club")
    decisions.declaration_decide(declaration=decided, by=w.people["ilse"], decision="approve", reason=REASON)
    with time_machine.travel(dt.datetime(2025, 3, 25, 9, tzinfo=dt.UTC), tick=False):
        page = client_for(w.people["dave"]).get(reverse("declarations:queue")).content.decode()
    assert "Invented Finance Job" not in page and "Invented Decided Club" not in page
    rows = [f'href="{reverse("declarations:decide", args=[d.pk])}"' for d in (elsewhere, old, new)]
    positions = [page.index(row) for row in rows]
    assert positions == sorted(positions), "oldest first"
    # 24 days waiting is past the default 14 reminder days: overdue; 5 days is not.
    old_row = page[positions[1] : positions[2]]
    new_row = page[positions[2] :].split("</tr>")[0]
    assert "<td>24 <span" in old_row and "oi-badge--overdue" in old_row
    assert "<td>5</td>" in new_row and "overdue" not in new_row


def test_the_clerk_filters_all_declarations_by_kind_state_and_unit(w: DecideWorld, client_for: Any) -> None:
    side_job = w.submitted()
    gift = w.submitted(kind=Kind.GIFT, giver="Invented Giver", estimated_value="20", accepted=True)
    finance = w.submitted("1005", body="Invented Finance Job")  # rita's own: never on her decision pages
    ilse = w.submitted("1001", body="Invented Director Job")
    draft = w.draft(body="Invented Draft Job")
    rita = client_for(w.people["rita"])
    url = reverse("declarations:queue")

    def shown(**query: Any) -> set[int]:
        page = rita.get(url, query).content.decode()
        return {d.pk for d in (side_job, gift, finance, ilse, draft) if f"/medewerkers/opgaven/{d.pk}/" in page}

    assert shown() == {side_job.pk, gift.pk, ilse.pk}
    assert shown(kind="gift") == {gift.pk}
    vth = w.persons["1003"].holdings.get().post.unit
    omg = vth.parent
    assert shown(unit=omg.pk) == {side_job.pk, gift.pk}  # VTH is below OMG
    assert shown(state="refused") == set()
    alice_page = client_for(w.people["alice"]).get(url).content.decode()
    assert f"/medewerkers/opgaven/{finance.pk}/" in alice_page  # the coordinator sees rita's


def test_the_queue_is_paged(w: DecideWorld, client_for: Any) -> None:
    for _ in range(51):
        submitted(w.persons["1004"], Kind.SIDE_JOB, body="Invented Intern Job")
    dave = client_for(w.people["dave"])
    first = dave.get(reverse("declarations:queue")).content.decode()
    second = dave.get(reverse("declarations:queue"), {"page": 2}).content.decode()
    assert first.count("Invented") == 0  # names and kinds only, no content in the list
    assert first.count("/medewerkers/opgaven/") - second.count("/medewerkers/opgaven/") > 0
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_the_menu_offers_review_to_every_decider_and_to_who_sees_all(w: DecideWorld) -> None:
    def offered(name: str) -> bool:
        return "declarations:queue" in {entry.url_name for entry in menu.menu_for(w.people[name])}

    # A manager finds the page before anything waits (the page opens for them: the menu test).
    assert offered("rita") and offered("alice") and offered("grace") and offered("dave") and offered("ilse")
    assert not offered("mila") and not offered("erin")
    w.submitted()
    assert offered("dave") and offered("ilse") and not offered("mila")
