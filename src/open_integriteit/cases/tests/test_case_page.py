"""The case page as a workspace (issue 7, item 6): every action returns to its own section
with the confirmation there, the timeline lists changes (reads behind a filter), people are
named by full name, a section without a form says when one becomes available, and an
anonymous reporter is not described as having an identity to show."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from open_integriteit.cases import services, views
from open_integriteit.cases.workflow import State
from open_integriteit.reports.views import staff as report_views

pytestmark = pytest.mark.django_db
TODAY = dt.date.today().isoformat()


def detail(case: Any, query: str = "") -> str:
    return reverse("cases:detail", args=[case.reference]) + query


def action(case: Any, name: str) -> str:
    return reverse("cases:action", args=[case.reference, name])


def landing(case: Any, section: str) -> str:
    return detail(case, f"?section={section}#{section}")


def test_every_action_has_a_section_on_the_page(team, make_case, client_for):
    case = make_case()
    page = client_for(team["alice"]).get(detail(case)).content.decode()
    assert set(views.ACTION_SECTIONS) == set(views.ACTIONS)
    for section in set(views.ACTION_SECTIONS.values()) | views.SECTION_NAMES:
        assert f'id="{section}"' in page, section
        assert f'href="#{section}"' in page, section  # reachable from the in-page menu


# (who, action, state, data, section): a successful post of each kind of work.
SUCCESSES = [
    ("alice", "note", State.INTAKE, {"note-text": "Invented note"}, "notes"),
    ("alice", "risk", State.INTAKE, {"risk-level": "high"}, "risk"),
    ("bob", "party", State.INTAKE, {"party-role": "witness", "party-name": "Invented"}, "parties"),
    ("bob", "allegation", State.INTAKE, {"allegation-description": "Invented"}, "allegations"),
    ("alice", "external", State.INTAKE, {"external-investigated_by": "external"}, "external"),
    (
        "pat",
        "protection",
        State.INTAKE,
        {"protection-description": "Invented", "protection-started_on": TODAY},
        "protection",
    ),
    ("pat", "lessons", State.INTAKE, {"lessons-lessons_learned": "Invented"}, "summary"),
    ("alice", "unassign", State.INTAKE, {"unassign-user": "bob"}, "team"),
    ("alice", "measure", State.FINDINGS, {"measure-kind": "coaching", "measure-decided_on": TODAY}, "measures"),
    (
        "bob",
        "assessment",
        State.ASSESSMENT,
        {"assessment-investigable": "yes", "assessment-reasoning": "Invented"},
        "assessment",
    ),
    (
        "alice",
        "transition",
        State.INTAKE,
        {"transition": "start_assessment", "start_assessment-transition": "start_assessment"},
        "next-step",
    ),
]


@pytest.mark.parametrize(("who", "name", "state", "data", "section"), SUCCESSES, ids=[s[1] for s in SUCCESSES])
def test_an_action_returns_to_its_section_with_the_confirmation_there(
    team, make_case, client_for, who, name, state, data, section
):
    case = make_case(state=state)
    data = {k: (str(team[v].pk) if k.endswith("-user") else v) for k, v in data.items()}
    client = client_for(team[who])
    response = client.post(action(case, name), data)
    assert response.status_code == 302 and response.url == landing(case, section), response
    page = client.get(response.url).content.decode()
    message = str(views.ACTIONS[name].message)
    start = page.index(f'id="{section}"')
    # The confirmation is inside its section, and nowhere else.
    assert page.count('class="utrecht-alert utrecht-alert--ok"') == 1
    assert page.index('utrecht-alert--ok"', start) < page.index("</section>", start)
    assert 'aria-current="location"' in page[: page.index(f'href="#{section}"') + 60]
    assert message not in page[:start] or name == "transition"  # (its label may be in the header)


def test_a_refused_action_says_why_in_its_section(team, make_case, client_for):
    case = make_case()
    client = client_for(team["pat"])  # a principal does not add parties
    response = client.post(action(case, "party"), {"party-role": "witness", "party-name": "Invented"})
    assert response.url == landing(case, "parties")
    page = client.get(response.url).content.decode()
    start = page.index('id="parties"')
    assert page.index("utrecht-alert--error", start) < page.index("</section>", start)


def test_input_errors_show_the_page_again_with_a_link_to_the_form(team, make_case, client_for):
    case = make_case()
    response = client_for(team["alice"]).post(action(case, "note"), {"note-text": ""})
    assert response.status_code == 400
    assert 'href="#notes"' in response.content.decode()


def test_a_plain_visit_keeps_messages_at_the_top(team, make_case, client_for):
    case = make_case()
    page = client_for(team["alice"]).get(detail(case, "?section=nonsense")).content.decode()
    assert 'aria-current="location"' not in page


def _timeline(page: str) -> list[str]:
    section = page[page.index('id="timeline-heading"') :]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)]


def test_the_timeline_hides_reads_unless_asked(team, make_case, client_for):
    case = make_case()
    client = client_for(team["alice"])
    client.get(detail(case))
    client.get(detail(case))  # two more reads
    items = _timeline(client.get(detail(case)).content.decode())
    assert items and not any("Zaak ingezien" in item for item in items)
    assert any("Zaak geopend" in item for item in items)
    page = client.get(detail(case, "?section=timeline&reads=1")).content.decode()
    with_reads = _timeline(page)
    assert sum("Zaak ingezien" in item for item in with_reads) >= 3
    assert "?section=timeline#timeline" in page  # and the way back to changes only


def test_people_are_named_by_full_name(team, make_case, client_for):
    alice, bob = team["alice"], team["bob"]
    alice.last_name, bob.last_name = "van Dijk", "de Vries"
    alice.save()
    bob.save()
    case = make_case()
    services.note_add(case=case, by=bob, text="Invented note")
    page = client_for(alice).get(detail(case)).content.decode()
    items = " ".join(_timeline(page))
    assert "(Alice van Dijk)" in items and "(Bob de Vries)" in items
    assert "(alice)" not in items and "(bob)" not in items
    team_section = page[page.index('id="team"') : page.index("</section>", page.index('id="team"'))]
    assert "Bob de Vries" in team_section
    notes = page[page.index('id="notes"') : page.index("</section>", page.index('id="notes"'))]
    assert "Bob de Vries" in notes


def test_a_section_without_its_form_says_when_it_becomes_available(team, make_case, client_for):
    case = make_case()  # intake: no measures yet
    page = client_for(team["pat"]).get(detail(case)).content.decode()
    measures = page[page.index('id="measures"') : page.index("</section>", page.index('id="measures"'))]
    assert action(case, "measure") not in measures
    assert "kan worden vastgelegd zodra de zaak" in measures and "Bevindingen" in measures
    bob_page = client_for(team["bob"]).get(detail(case)).content.decode()
    measures = bob_page[bob_page.index('id="measures"') : bob_page.index("</section>", bob_page.index('id="measures"'))]
    assert "Uw rol in deze zaak" in measures  # an investigator does not record measures


def test_the_header_shows_state_deadlines_and_the_next_step(team, make_case, make_report, client_for):
    report, _code = make_report()
    case = make_case(reports=[report])
    page = client_for(team["alice"]).get(detail(case)).content.decode()
    header = page[: page.index('id="reports"')]
    assert 'data-testid="case-state"' in header
    assert "Openstaande termijnen" in header and report.reference in header
    assert 'value="start_assessment"' in header


def test_an_anonymous_reporter_has_no_identity_to_show(team, make_case, make_report, client_for):
    report, _code = make_report(anonymity="anonymous")
    case = make_case(reports=[report])
    client = client_for(team["alice"])
    page = client.get(detail(case)).content.decode()
    assert "anoniem — geen identiteit bekend" in page
    assert "identiteit achter" not in page.lower()
    report_page = client.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert "anoniem — geen identiteit bekend" in report_page
    assert "/disclose/" not in report_page


def test_the_report_page_returns_to_its_section(personas, make_report, client_for):
    report, _code = make_report()
    client = client_for(personas["alice"])
    page_url = reverse("reports:staff_report", args=[report.reference])
    assert set(report_views.ACTION_SECTIONS) == set(report_views.ACTIONS)
    response = client.post(
        reverse("reports:staff_action", args=[report.reference, "message"]), {"msg-kind": "question", "msg-body": "Hi"}
    )
    assert response.status_code == 302 and response.url == f"{page_url}?section=thread#thread"
    page = client.get(response.url).content.decode()
    start = page.index('id="thread"')
    assert page.index("utrecht-alert--ok", start) < page.index("</section>", start)


def test_a_refusal_in_a_section_the_user_does_not_see_stays_on_top(team, make_case, client_for):
    case = make_case()
    client = client_for(team["bob"])  # an investigator has no team section and implicates nobody
    response = client.post(action(case, "implicate"), {"implicate-user": team["alice"].pk})
    assert response.url == landing(case, "team")
    page = client.get(response.url).content.decode()
    assert 'id="team"' not in page and 'href="#team"' not in page
    assert page.index("utrecht-alert--error") < page.index('id="next-step"')
