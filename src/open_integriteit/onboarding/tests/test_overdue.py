"""The duty to take the oath or affirmation: who is overdue, the one reminder to the manager,
and off the list after the ceremony (issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from open_integriteit.onboarding import duty, services
from open_integriteit.onboarding.models import OverdueReminder
from open_integriteit.onboarding.reminders import send_overdue_reminders
from open_integriteit.testing.fixtures import login

from .conftest import ceremony_kwargs

pytestmark = pytest.mark.django_db

# Youssef (1004) started on 14 March 2026: due two months later, overdue the day after.
TODAY = dt.datetime(2026, 5, 15, 9, 0, tzinfo=dt.UTC)


def overdue_ids(org: Any, day: dt.date) -> list[str]:
    return sorted(o.person.external_id for o in duty.overdue_on(organisation_id=org.pk, day=day))


def test_a_trainee_who_started_two_months_and_a_day_ago_is_overdue(org, register):
    assert "1004" not in overdue_ids(org, dt.date(2026, 5, 14))  # due today: not yet overdue
    assert overdue_ids(org, dt.date(2026, 5, 15)) == ["1001", "1002", "1004"]  # hired 1003 and new 1005 are not


def test_the_manager_gets_exactly_one_reminder_and_after_the_ceremony_the_person_is_off_the_list(
    org, register, staff, run_job
):
    rita, dave = staff["rita"], staff["dave"]
    with time_machine.travel(TODAY, tick=False):
        assert run_job(send_overdue_reminders) == 1  # Youssef's manager is dave (OMG above VTH)
        assert run_job(send_overdue_reminders) == 0  # the job runs again: nothing twice
        assert [m.to for m in mail.outbox] == [[dave.email]]
        assert "Youssef" not in mail.outbox[0].body and "Bakker" not in mail.outbox[0].body  # names nobody
        assert reverse("onboarding:overdue") in mail.outbox[0].body
        assert OverdueReminder.objects.get().person == register["1004"]

        page = login(Client(), dave)
        body = page.get(reverse("onboarding:overdue")).content.decode()
        assert "Youssef Bakker" in body and "Ilse" not in body  # dave sees his units only

        ceremony = services.ceremony_record(organisation=org, by=rita, **ceremony_kwargs(held_on=dt.date(2026, 5, 15)))
        services.participants_add(ceremony=ceremony, by=rita, people=[register["1004"]])
        assert "1004" in overdue_ids(org, dt.date(2026, 5, 15))  # a participant whose choice is open still is
        participant = ceremony.participants.get()
        services.pledges_record(ceremony=ceremony, by=rita, pledges={participant.pk: "oath"})
        assert "1004" not in overdue_ids(org, dt.date(2026, 5, 15))
        assert "Youssef" not in page.get(reverse("onboarding:overdue")).content.decode()
        assert run_job(send_overdue_reminders) == 0
    assert len(mail.outbox) == 1


def test_a_ceremony_still_to_come_does_not_take_the_person_off_the_list(org, register, staff):
    ceremony = services.ceremony_record(
        organisation=org, by=staff["rita"], **ceremony_kwargs(held_on=dt.date(2026, 6, 1))
    )
    services.participants_add(ceremony=ceremony, by=staff["rita"], people=[register["1004"]])
    services.pledges_record(
        ceremony=ceremony, by=staff["rita"], pledges={ceremony.participants.get().pk: "affirmation"}
    )
    assert "1004" in overdue_ids(org, dt.date(2026, 5, 15))
    assert "1004" not in overdue_ids(org, dt.date(2026, 6, 1))


def test_the_organisation_chooses_who_is_due_and_how_soon(org, register, staff):
    services.settings_update(
        organisation_id=org.pk, by=staff["alice"], due_months=3, kinds_due=["hired"], rehired_due_again=False
    )
    # Only hired staff now, after three months: Sanne started on 1 January.
    assert overdue_ids(org, dt.date(2026, 4, 1)) == []
    assert overdue_ids(org, dt.date(2026, 4, 2)) == ["1003"]


def test_a_person_who_left_is_not_overdue(org, register):
    register["1004"].left_on = dt.date(2026, 5, 1)
    register["1004"].save()
    assert "1004" not in overdue_ids(org, dt.date(2026, 5, 15))


def test_re_hired_the_run_of_posts_since_the_last_gap_counts():
    spans = [
        (dt.date(2015, 1, 1), dt.date(2018, 12, 31)),
        (dt.date(2016, 1, 1), dt.date(2019, 6, 30)),
        (dt.date(2025, 2, 1), dt.date(2025, 9, 30)),
        (dt.date(2025, 10, 1), None),
    ]
    assert duty._run_start(spans) == dt.date(2025, 2, 1)
    assert duty._run_start(spans[:2]) == dt.date(2015, 1, 1)


def test_due_dates_count_calendar_months():
    assert duty.add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)
    assert duty.add_months(dt.date(2026, 3, 14), 2) == dt.date(2026, 5, 14)
