"""Update rounds (ADR 0023): who is asked, who has completed, the reminders each person gets
(exactly those due, each once), the clerk's last reminder (once), closing with the figures
kept, and the pages of the clerk, the coordinator and the declarant."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from open_integriteit.accounts.models import Role, User
from open_integriteit.declarations import round_reminders, rounds
from open_integriteit.declarations.models import Answer, Declaration, Kind, NilReturn, UpdateRound
from open_integriteit.declarations.services import declaration_transition
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.people.tests.files import ROWS, as_csv
from open_integriteit.testing.fixtures import login, make_user

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OPENING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)  # a Monday in March
DUE = dt.date(2026, 4, 13)  # 42 days later: the default period


def at(day: dt.date, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMSTERDAM), tick=False)


@pytest.fixture
def register(org: Any, personas: dict[str, User]) -> dict[str, Any]:
    """The invented register with accounts: official 9001 is mila, a second official 9002 is
    carol, employee 1003 (no designated post) is bob, controller 1005 (designated) is frank.
    Rita is the register clerk."""
    rows = [list(row) for row in ROWS]
    second = list(rows[5])
    second[0], second[1], second[2] = "9002", "Anna", "de Vries"
    rows.append(second)
    accounts = {"9001": "mila", "9002": "carol", "1003": "bob", "1005": "frank"}
    for row in rows:
        row[18] = accounts.get(row[0], "")
    rita = make_user(org, "rita", Role.REGISTER_CLERK)
    with time_machine.travel(OPENING - dt.timedelta(days=60), tick=False):
        people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(rows), dry_run=False)
    people = {p.external_id: p for p in Person.objects.filter(organisation=org)}
    return {"rita": rita, "people": people, **personas}


def start(world: dict[str, Any], kind: str = "officials", asks: tuple[str, ...] = ("side_job", "financial_interest")):
    today = OPENING.date()
    return rounds.round_start(
        organisation_id=world["rita"].organisation_id,
        by=world["rita"],
        kind=kind,
        asks=list(asks),
        opens_on=today,
        due_on=today + dt.timedelta(days=42),
    )


def declare(user: User, person: Person, kind: str) -> Declaration:
    """A declaration drafted and submitted by its declarant through the transition service."""
    draft = Declaration.objects.create(organisation=person.organisation, person=person, kind=kind, body="Invented")
    return declaration_transition(declaration=draft, name="submit", by=User.objects.get(pk=user.pk))


def nil_return(person: Person, kind: str, user: User | None = None) -> NilReturn:
    from django.utils import timezone

    return NilReturn.objects.create(
        organisation=person.organisation,
        person=person,
        kind=kind,
        answer=Answer.NOTHING_CHANGED,
        answered_at=timezone.now(),
        by=user,
    )


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


# --- Scope ---------------------------------------------------------------------------------


def test_the_officials_round_asks_the_officials_and_the_yearly_round_everyone_not_the_leavers(register):
    with at(OPENING.date()):
        officials = start(register)
        everyone = start(register, kind="everyone", asks=("side_job",))
        designated = start(register, kind="gifts", asks=("financial_interest",))
        officials_ids = set(rounds.people_in_scope(officials).values_list("external_id", flat=True))
        everyone_ids = set(rounds.people_in_scope(everyone).values_list("external_id", flat=True))
        gift_ids = set(rounds.people_in_scope(designated).values_list("external_id", flat=True))
    assert officials_ids == {"9001", "9002"}
    assert everyone_ids == {"1001", "1002", "1003", "1004", "1005", "9001", "9002"}
    assert gift_ids == {"9001", "9002"}  # the gift round asks the officials only

    register["people"]["1004"].left_on = OPENING.date() - dt.timedelta(days=1)
    register["people"]["1004"].save()
    with at(OPENING.date()):
        assert "1004" not in set(rounds.people_in_scope(everyone).values_list("external_id", flat=True))


def test_financial_interests_are_asked_only_of_officials_and_holders_of_designated_posts(register):
    with at(OPENING.date()):
        update_round = start(register, kind="everyone", asks=("financial_interest",))
        asked = set(rounds.people_in_scope(update_round).values_list("external_id", flat=True))
    # 1001, 1002 and 1005 hold designated posts; 1003 and 1004 do not.
    assert asked == {"1001", "1002", "1005", "9001", "9002"}


def test_one_open_round_of_a_kind_at_a_time_and_never_opening_in_the_past(register):
    with at(OPENING.date()):
        start(register)
        with pytest.raises(ValidationError) as again:
            start(register)
        assert "kind" in again.value.message_dict
        with pytest.raises(ValidationError) as past:
            rounds.round_start(
                organisation_id=register["rita"].organisation_id,
                by=register["rita"],
                kind="everyone",
                asks=["side_job"],
                opens_on=OPENING.date() - dt.timedelta(days=1),
                due_on=DUE,
            )
        assert "opens_on" in past.value.message_dict


def test_only_the_register_clerk_starts_a_round(register):
    with at(OPENING.date()):
        for name in ("alice", "erin", "dave", "grace"):
            with pytest.raises(PermissionDenied):
                rounds.round_start(
                    organisation_id=register["rita"].organisation_id,
                    by=register[name],
                    kind="everyone",
                    asks=["side_job"],
                    opens_on=OPENING.date(),
                    due_on=DUE,
                )
    assert not UpdateRound.objects.exists()


# --- Completion ----------------------------------------------------------------------------


def test_completion_counts_a_declaration_or_nil_return_after_the_opening_not_before(register):
    people = register["people"]
    with at(OPENING.date() - dt.timedelta(days=1)):
        nil_return(people["1001"], Kind.SIDE_JOB)  # the day before: does not count
        declare(register["bob"], people["1003"], Kind.SIDE_JOB)  # also before
    with at(OPENING.date()):
        update_round = start(register, kind="everyone", asks=("side_job", "financial_interest"))
    with at(OPENING.date() + dt.timedelta(days=3)):
        declare(register["mila"], people["9001"], Kind.SIDE_JOB)
        nil_return(people["9001"], Kind.FINANCIAL_INTEREST)  # an official: both asked, both answered
        nil_return(people["1004"], Kind.SIDE_JOB)  # a trainee: only side jobs are asked of him
        nil_return(people["1005"], Kind.SIDE_JOB)  # designated post: financial interests still open
        done = dict(rounds.people_in_scope(update_round).values_list("external_id", "done"))
        figures = rounds.figures_now(update_round)
    assert done == {
        "1001": False,
        "1002": False,
        "1003": False,
        "1004": True,
        "1005": False,
        "9001": True,
        "9002": False,
    }
    assert (figures.in_scope, figures.completed) == (7, 2)
    per_unit = {f.unit: (f.in_scope, f.completed) for f in figures.units}
    assert per_unit["Vergunningen"] == (2, 1)
    assert per_unit[str(rounds.NO_UNIT)] == (2, 1)  # the officials hold no post


def test_the_declarant_sees_what_is_still_asked_of_them_at_the_top_of_my_declarations(register):
    people = register["people"]
    with at(OPENING.date()):
        update_round = start(register)
        html = render_to_string("declarations/_my_round_tasks.html", {"person": people["9001"]})
        assert "financieel belang" in html or "financial interest" in html  # mid-sentence: lower case
        assert "13 april 2026" in html or "April 13, 2026" in html
        assert render_to_string("declarations/_my_round_tasks.html", {}).strip() == ""  # no person: nothing
        assert "round-tasks" not in render_to_string("declarations/_my_round_tasks.html", {"person": people["1003"]})
        declare(register["mila"], people["9001"], Kind.SIDE_JOB)
        tasks = rounds.tasks_of(people["9001"])
        assert [task.update_round for task in tasks] == [update_round]
        assert [str(k) for k in tasks[0].kinds] == [str(dict(Kind.choices)[Kind.FINANCIAL_INTEREST])]
        nil_return(people["9001"], Kind.FINANCIAL_INTEREST)
        assert rounds.tasks_of(people["9001"]) == []
        assert "round-tasks" not in render_to_string("declarations/_my_round_tasks.html", {"person": people["9001"]})


# --- Reminders -----------------------------------------------------------------------------


def test_a_person_in_scope_gets_exactly_the_reminders_due_each_once(register, run_job):
    people = register["people"]
    with at(OPENING.date()):
        update_round = run_job(start, register)  # opens today: reminded at once
        assert recipients() == ["carol@example.invalid", "mila@example.invalid"]  # the officials, not bob
        assert all("/mijn-opgaven/" in m.body and "13 april 2026" in m.body for m in mail.outbox)
        assert not any("Zwart" in m.body or "Zwart" in m.subject for m in mail.outbox)  # no content
        mail.outbox.clear()
        assert run_job(round_reminders.send_round_reminders) == 0  # the daily job: already reminded
    with at(DUE - dt.timedelta(days=8)):
        nil_return(people["9002"], Kind.SIDE_JOB)
        nil_return(people["9002"], Kind.FINANCIAL_INTEREST)  # carol's person has completed
        assert run_job(round_reminders.send_round_reminders) == 0  # not yet due
    with at(DUE - dt.timedelta(days=7)):
        assert run_job(round_reminders.send_round_reminders) == 1
        assert recipients() == ["mila@example.invalid"]
        assert run_job(round_reminders.send_round_reminders) == 0  # once
    mail.outbox.clear()
    with at(DUE - dt.timedelta(days=2)):
        run_job(rounds.round_send_last_reminder, update_round=update_round, by=register["rita"])
        assert recipients() == ["mila@example.invalid"]
        assert "Laatste herinnering" in mail.outbox[0].subject
        with pytest.raises(PermissionDenied):  # the last reminder goes once
            rounds.round_send_last_reminder(update_round=update_round, by=register["rita"])
        assert run_job(round_reminders.send_round_reminders) == 0
    mail.outbox.clear()
    with at(DUE + dt.timedelta(days=1)):
        assert run_job(round_reminders.send_round_reminders) == 0  # past the due date: no more mails
    assert mail.outbox == []


def test_someone_who_comes_into_scope_later_is_reminded_at_the_next_run(register, run_job):
    with at(OPENING.date()):
        run_job(start, register, kind="everyone", asks=("side_job",))
        assert "bob@example.invalid" in recipients()
        assert "erin@example.invalid" not in recipients()  # an account without a person
        mail.outbox.clear()
    erin = register["erin"]
    person = register["people"]["1004"]
    person.user = erin
    person.save()
    with at(OPENING.date() + dt.timedelta(days=1)):
        assert run_job(round_reminders.send_round_reminders) == 1
    assert recipients() == ["erin@example.invalid"]


def test_the_worker_schedule_runs_the_round_reminders_daily():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="round-reminders")
    assert schedule.func == "open_integriteit.declarations.round_reminders.send_round_reminders"
    assert schedule.schedule_type == Schedule.DAILY


# --- Closing -------------------------------------------------------------------------------


def test_closing_keeps_the_figures_whatever_happens_afterwards(register):
    people = register["people"]
    with at(OPENING.date()):
        update_round = start(register, kind="everyone", asks=("side_job",))
    with at(OPENING.date() + dt.timedelta(days=2)):
        nil_return(people["1003"], Kind.SIDE_JOB)
        nil_return(people["9001"], Kind.SIDE_JOB)
    with at(DUE + dt.timedelta(days=1)):
        rounds.round_close(update_round=update_round, by=register["rita"])
        with pytest.raises(PermissionDenied):
            rounds.round_close(update_round=update_round, by=register["rita"])
        with pytest.raises(PermissionDenied):
            rounds.round_send_last_reminder(update_round=update_round, by=register["rita"])
        nil_return(people["1004"], Kind.SIDE_JOB)  # too late: the kept figures do not move
        people["1001"].left_on = DUE
        people["1001"].save()
        figures = rounds.figures_of(UpdateRound.objects.get(pk=update_round.pk))
    assert (figures.in_scope, figures.completed) == (7, 2)
    per_unit = {f.unit: (f.in_scope, f.completed) for f in figures.units}
    assert per_unit == {
        "Directie": (1, 0),
        "Financiën": (1, 0),
        "Omgeving": (1, 0),
        "Vergunningen": (2, 1),
        str(rounds.NO_UNIT): (2, 1),
    }
    update_round.refresh_from_db()
    assert update_round.closed_by == register["rita"] and update_round.scope_count == 7


# --- Pages ---------------------------------------------------------------------------------


def test_the_clerk_starts_a_round_with_the_dates_filled_in_from_the_defaults(register, client):
    login(client, register["rita"])
    url = reverse("declarations:round_start")
    with at(OPENING.date()):
        page = client.get(url)
        assert page.status_code == 200
        assert page.context["form"]["kind"].value() in (None, "")  # the kind starts empty
        # Choosing the kind fills in the dates and questions; nothing is started yet.
        filled = client.post(url, {"kind": "officials"})
        assert filled.status_code == 200 and not UpdateRound.objects.exists()
        body = filled.content.decode()
        assert 'value="2026-03-02"' in body and 'value="2026-04-13"' in body
        assert filled.context["form"]["asks"].value() == ["side_job", "financial_interest"]
        # A due date before the opening is refused with a Dutch message, keeping the input.
        bad = client.post(
            url, {"kind": "officials", "asks": ["side_job"], "opens_on": "2026-03-02", "due_on": "2026-03-01"}
        )
        assert bad.status_code == 200 and "na de openingsdag" in bad.content.decode()
        assert 'value="2026-03-01"' in bad.content.decode()
        started = client.post(
            url,
            {
                "kind": "officials",
                "asks": ["side_job", "financial_interest"],
                "opens_on": "2026-03-02",
                "due_on": "2026-04-13",
            },
        )
    update_round = UpdateRound.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse(
        "declarations:round_detail", args=[update_round.pk]
    )


def test_the_round_page_shows_completion_and_the_last_reminder_button_goes_once(register, client):
    with at(OPENING.date()):
        update_round = start(register)
        nil_return(register["people"]["9002"], Kind.SIDE_JOB)
        nil_return(register["people"]["9002"], Kind.FINANCIAL_INTEREST)
        login(client, register["rita"])
        url = reverse("declarations:round_detail", args=[update_round.pk])
        page = client.get(url).content.decode()
        assert "1 van 2" in page and "Zwart" in page and "de Vries" in page
        assert "Zwart" not in client.get(url, {"status": "done"}).content.decode()
        assert "Laatste herinnering versturen" in page
        client.post(reverse("declarations:round_last_reminder", args=[update_round.pk]))
        page = client.get(url).content.decode()
        assert "Laatste herinnering versturen" not in page
        closed = client.post(reverse("declarations:round_close", args=[update_round.pk]))
        assert closed.status_code == 302
        page = client.get(url).content.decode()
        assert "Cijfers bij afsluiting" in page and "1 van 2" in page and "Ronde afsluiten" not in page


def test_the_coordinator_reads_the_rounds_but_cannot_start_remind_or_close(register, client):
    with at(OPENING.date()):
        update_round = start(register)
        login(client, register["alice"])
        assert client.get(reverse("declarations:rounds")).status_code == 200
        page = client.get(reverse("declarations:round_detail", args=[update_round.pk])).content.decode()
        assert "Zwart" in page and "Ronde afsluiten" not in page and "Laatste herinnering versturen" not in page
        assert client.get(reverse("declarations:round_start")).status_code == 404
        assert client.post(reverse("declarations:round_close", args=[update_round.pk])).status_code == 404
    update_round.refresh_from_db()
    assert update_round.closed_at is None


@pytest.mark.parametrize("name", ["grace", "erin", "dave", "mila"])
def test_another_organisation_the_administrator_a_manager_and_an_employee_get_404(register, client, name):
    with at(OPENING.date()):
        update_round = start(register)
        login(client, register[name])
        for url in (
            reverse("declarations:round_detail", args=[update_round.pk]),
            reverse("declarations:round_start"),
            reverse("declarations:round_defaults"),
        ):
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("declarations:round_close", args=[update_round.pk])).status_code == 404


def test_the_clerk_changes_the_default_dates(register, client):
    login(client, register["rita"])
    url = reverse("declarations:round_defaults")
    empty = client.post(url, {"officials_months": [], "answer_days": "30", "reminder_days_before": "5"})
    assert empty.status_code == 200 and "Kies ten minste één maand" in empty.content.decode()
    saved = client.post(
        url,
        {
            "officials_months": ["4", "10"],
            "gifts_months": ["1", "4", "7", "10"],
            "everyone_months": ["2"],
            "answer_days": "30",
            "reminder_days_before": "5",
        },
    )
    assert saved.status_code == 302
    defaults = rounds.round_defaults(register["rita"].organisation_id)
    assert defaults.months("officials") == [4, 10]
    assert rounds.default_dates(defaults, "officials", dt.date(2026, 3, 2)) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
    )
    assert rounds.default_dates(defaults, "everyone", dt.date(2026, 3, 2)) == (dt.date(2027, 2, 1), dt.date(2027, 3, 3))


def test_a_round_that_opens_later_asks_nobody_and_reminds_nobody_until_its_opening_day(register, client, run_job):
    opens_on = OPENING.date() + dt.timedelta(days=10)
    with at(OPENING.date()):
        update_round = run_job(
            rounds.round_start,
            organisation_id=register["rita"].organisation_id,
            by=register["rita"],
            kind="officials",
            asks=["side_job"],
            opens_on=opens_on,
            due_on=opens_on + dt.timedelta(days=30),
        )
        assert mail.outbox == [] and run_job(round_reminders.send_round_reminders) == 0
        assert rounds.tasks_of(register["people"]["9001"]) == []
        login(client, register["rita"])
        assert "Nog niet geopend" in client.get(reverse("declarations:rounds")).content.decode()
        page = client.get(reverse("declarations:round_detail", args=[update_round.pk])).content.decode()
        assert "Laatste herinnering versturen" not in page and "Ronde afsluiten" in page
    with at(opens_on):
        assert run_job(round_reminders.send_round_reminders) == 2
        assert len(rounds.tasks_of(register["people"]["9001"])) == 1


def test_the_round_page_takes_the_same_number_of_queries_for_more_people(register, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with at(OPENING.date()):
        update_round = start(register, kind="everyone", asks=("side_job", "financial_interest"))
        login(client, register["rita"])
        url = reverse("declarations:round_detail", args=[update_round.pk])
        few = queries(url)
        more = [list(row) for row in ROWS]
        for n in range(60):
            row = list(ROWS[2])
            row[0], row[2] = f"2{n:03d}", f"Invented{n}"
            more.append(row)
        people_import(
            organisation=register["rita"].organisation,
            by=register["rita"],
            file_name="hr.csv",
            data=as_csv(more),
            dry_run=False,
        )
        page = client.get(url).content.decode()
        assert "0 van 66" in page  # 9002 is not in this file: a leaver, out of scope
        assert queries(url) == few
        assert queries(url + "?page=2") == few
