"""Item 9: what the reporter did (mailbox log-ins and reads, replies) belongs to the
reporting point, and not to the minute. The principal and the investigator do not see it
in the case timeline; the coordinator sees it by date only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from open_integriteit.cases import selectors
from open_integriteit.reports.views.public import SESSION_KEY

pytestmark = pytest.mark.django_db

TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
REPORTER_LABELS = ("Melding ontvangen via het webformulier", "Bericht van de melder ontvangen")


@pytest.fixture
def case_with_reporter_activity(org, team, make_case, make_report, client):
    report, _code = make_report()
    case = make_case(reports=[report])
    # The reporter opens the mailbox (a read) and answers, through the real pages.
    session = client.session
    session[SESSION_KEY] = {"org": org.pk, "report": report.pk, "at": timezone.now().timestamp()}
    session.save()
    assert client.get(reverse("reports:mailbox", args=[org.slug])).status_code == 200
    client.post(reverse("reports:mailbox", args=[org.slug]), {"action": "reply", "body": "Invented answer"})
    return case


def _timeline_items(client, case) -> list[str]:
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    section = page[page.index('id="timeline-heading"') :]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)]


@pytest.mark.parametrize("who", ["pat", "bob"])
def test_the_principals_and_investigators_timeline_shows_no_reporter_activity(
    team, case_with_reporter_activity, client_for, who
):
    case = case_with_reporter_activity
    events = selectors.case_timeline(case=case, user=team[who])
    assert not events.filter(channel="reporter").exists()
    items = " ".join(_timeline_items(client_for(team[who]), case))
    for label in REPORTER_LABELS:
        assert label not in items
    assert "Zaak geopend" in items  # the rest of the story is there


def test_the_coordinator_sees_reporter_activity_by_date_only(team, case_with_reporter_activity, client_for):
    case = case_with_reporter_activity
    actions = set(selectors.case_timeline(case=case, user=team["alice"]).values_list("action", "channel"))
    assert {("report.submitted", "reporter"), ("report.viewed", "reporter"), ("report.reply_received", "reporter")} <= (
        actions
    )
    items = _timeline_items(client_for(team["alice"]), case)
    reporter_items = [i for i in items if any(label in i for label in REPORTER_LABELS)]
    assert len(reporter_items) == 2
    assert all(not TIME.search(item) for item in reporter_items), reporter_items
    assert any(TIME.search(item) for item in items if "Zaak geopend" in item)  # staff events keep their time


def test_the_reporters_messages_show_no_time_to_staff(team, case_with_reporter_activity, client_for):
    report = case_with_reporter_activity.case_reports.get().report
    page = client_for(team["bob"]).get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    reporter_message = page[page.index("oi-message--reporter") :]
    meta = re.search(r'class="oi-message__meta">(.*?)</p>', reporter_message, re.S)
    assert meta is not None and not TIME.search(meta.group(1))
