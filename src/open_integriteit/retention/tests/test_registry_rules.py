"""The retention registry's rules, without the database: what a policy must say before it is
accepted, that a period key belongs to one policy, the range of a period, and when a period
of calendar months ends.

``make mutation`` runs these against every mutant of ``retention/registry.py``. Each test
works on an empty registry of its own, so the apps' real policies are left alone.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from open_integriteit.retention import registry
from open_integriteit.retention.registry import Period, Policy, ends_at, register

UTC = dt.UTC
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def nothing_pending(**kwargs):
    return []


def destroy_nothing(obj, now):
    return False


def policy(code="gifts.gift", *periods: Period, kept=False, **changes) -> Policy:
    fields = {
        "code": code,
        "label": "Gifts",
        "event": "the decision on the gift",
        "destroys": "The description and the giver.",
        "keeps": "Date and value class.",
        "periods": periods,
    }
    if kept:
        fields["kept_because"] = "The law wants it kept."
    else:
        fields.update(pending=nothing_pending, destroy=destroy_nothing)
    fields.update(changes)
    return Policy(**fields)


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "_POLICIES", {})


def refused(message: str):
    return pytest.raises(ImproperlyConfigured, match=f"^{re.escape(message)}$")


def test_a_policy_is_registered_and_listed_with_its_periods():
    gifts = policy("gifts.gift", Period("gifts.accepted", "Accepted", 24), Period("gifts.refused", "Refused", 12))
    assert register(gifts) is gifts
    assert registry.policies() == [gifts]
    assert registry.periods() == {"gifts.accepted": gifts.periods[0], "gifts.refused": gifts.periods[1]}


def test_policies_and_periods_come_in_registration_order():
    first = register(policy("b.first", Period("b.one", "One", 3)))
    second = register(policy("a.second", Period("a.two", "Two", 6)))
    assert registry.policies() == [first, second]
    assert list(registry.periods()) == ["b.one", "a.two"]


def test_registering_the_same_policy_again_changes_nothing():
    gifts = policy("gifts.gift", Period("gifts.gift", "Gifts", 24))
    register(gifts)
    assert register(gifts) is gifts  # AppConfig.ready may run twice
    assert registry.policies() == [gifts]


def test_another_policy_under_a_taken_code_is_refused():
    register(policy("gifts.gift", Period("gifts.gift", "Gifts", 24)))
    with refused("retention policy 'gifts.gift' is registered twice"):
        register(policy("gifts.gift", Period("gifts.gift", "Gifts", 12)))
    assert registry.periods()["gifts.gift"].default_months == 24


def test_a_policy_needs_both_pending_and_destroy_or_neither():
    with refused("retention policy 'gifts.gift' needs both pending and destroy, or neither"):
        register(policy(pending=None))
    with refused("retention policy 'gifts.gift' needs both pending and destroy, or neither"):
        register(policy(destroy=None))
    assert registry.policies() == []


def test_a_policy_that_destroys_nothing_says_why():
    with refused("retention policy 'gifts.gift' destroys nothing: say why (kept_because)"):
        register(policy(kept=True, kept_because=""))
    kept = register(policy(kept=True))
    assert registry.policies() == [kept]


def test_a_policy_that_destroys_needs_no_reason_to_keep():
    gifts = register(policy())
    assert registry.policies() == [gifts]


def test_a_period_key_belongs_to_one_policy_only():
    register(policy("gifts.gift", Period("shared.key", "Gifts", 24)))
    with refused("retention period 'shared.key' is registered twice or out of range"):
        register(policy("advice.request", Period("shared.key", "Advice", 24)))
    assert [p.code for p in registry.policies()] == ["gifts.gift"]


@pytest.mark.parametrize("months", [registry.MIN_MONTHS, 1, 2, 239, 240, registry.MAX_MONTHS])
def test_a_period_from_one_month_to_twenty_years_is_accepted(months):
    register(policy("gifts.gift", Period("gifts.gift", "Gifts", months)))
    assert registry.periods()["gifts.gift"].default_months == months


@pytest.mark.parametrize("months", [-1, 0, 241, 10_000])
def test_a_period_outside_one_month_to_twenty_years_is_refused(months):
    with refused("retention period 'gifts.gift' is registered twice or out of range"):
        register(policy("gifts.gift", Period("gifts.gift", "Gifts", months)))
    assert registry.policies() == []


def test_the_periods_an_organisation_may_set_run_from_one_month_to_twenty_years():
    assert (registry.MIN_MONTHS, registry.MAX_MONTHS) == (1, 240)


def test_a_period_ends_the_same_day_so_many_calendar_months_later_in_dutch_time():
    closed = dt.datetime(2026, 3, 10, 14, 30, tzinfo=AMSTERDAM)
    assert ends_at(closed, 60) == dt.datetime(2031, 3, 10, 14, 30, tzinfo=AMSTERDAM)
    assert ends_at(closed, 2) == dt.datetime(2026, 5, 10, 14, 30, tzinfo=AMSTERDAM)


def test_the_day_and_month_are_those_of_the_netherlands_not_of_utc():
    # 30 April 22:30 UTC is already 1 May in Amsterdam: a month later is 1 June, not 30 May.
    event = dt.datetime(2026, 4, 30, 22, 30, tzinfo=UTC)
    end = ends_at(event, 1)
    assert end == dt.datetime(2026, 6, 1, 0, 30, tzinfo=AMSTERDAM)
    assert end.utcoffset() == dt.timedelta(hours=2)


def test_the_31st_ends_on_the_last_day_of_a_shorter_month():
    assert ends_at(dt.datetime(2026, 1, 31, 9, 0, tzinfo=AMSTERDAM), 1) == dt.datetime(
        2026, 2, 28, 9, 0, tzinfo=AMSTERDAM
    )
