"""One case from report to closure through the staff pages in headless Chromium.

Three people, each in their own browser: the coordinator (alice) opens the case, the case
principal decides, the investigator investigates. Every page load is checked with axe-core,
the state shown on the case page after every step, and the timeline at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import Locator, Page, expect

from open_integriteit.audit.actions import action_label
from open_integriteit.cases import workflow
from open_integriteit.cases.models import Case
from open_integriteit.reports.models import MessageKind, Status
from open_integriteit.testing.fixtures import make_user

from .helpers import assert_accessible, dutch, origin, staff_login, submit, visit
from .test_reporter import pdf_file

pytestmark = pytest.mark.browser

SUBJECT = "Harm Voorbeeldman"
FEEDBACK = "Invented feedback: the investigation is finished and measures have been taken."
SUMMARY = {
    "summary-summary_year": "2026",
    "summary-summary_principal": "Provinciesecretaris",
    "summary-summary_description": "Melding over de omgangsvormen in een team",
    "summary-summary_object": "Gedrag van een leidinggevende",
    "summary-summary_findings": "Gegrond",
    "summary-summary_consequence": "Coaching en teamtraject",
    "summary-summary_bureau": "Bureau Voorbeeld",
}


def timeline_label(code: str) -> str:
    """An audit action's label (the registry's) as the Dutch timeline shows it."""
    with translation.override("nl"):
        return action_label(code)


def nl(lazy: Any) -> str:
    """A lazily translated label (state, step) as the Dutch page shows it."""
    with translation.override("nl"):
        return str(lazy)


class CasePage:
    """One person's browser on the case page: every page load is checked with axe once."""

    def __init__(self, page: Page, base: str, reference: str, who: str) -> None:
        self.page, self.base, self.reference, self.who = page, base, reference, who
        self.url = f"{base}/medewerkers/zaken/{reference}/"

    def checked(self, where: str) -> None:
        assert_accessible(self.page, f"{where} ({self.who}, {self.page.url})")

    def expect_state(self, state: str) -> None:
        assert urlsplit(self.page.url).path == urlsplit(self.url).path, self.page.url
        expect(self.page.locator("[data-testid=case-state]")).to_have_text(nl(workflow.State(state).label))

    def expect_saved(self, message: str) -> None:
        expect(self.page.locator("#main [role=status]")).to_contain_text(dutch(message))

    def form(self, action: str) -> Locator:
        return self.page.locator(f'#main form[action="/medewerkers/zaken/{self.reference}/{action}/"]').last

    def post(self, action: str, message: str, where: str) -> None:
        """Submit the case form for the action; back on the case page, checked with axe."""
        submit(self.page, self.form(action).locator("button[type=submit]"))
        self.expect_saved(message)
        self.checked(where)

    def step(self, name: str, target: str) -> None:
        """Take a step of the workflow with its button under "Next step"."""
        spec = workflow.BY_NAME[name]
        button = self.page.locator(f"#main button[name=step][value={name}]")
        expect(button).to_have_text(nl(spec.label))
        submit(self.page, button)
        self.expect_saved("The case has moved on.")
        self.expect_state(target)
        expect(self.timeline()).to_contain_text(nl(spec.label))
        self.checked(f"case page in state {target}")

    def open(self, summary: str) -> None:
        """Open the <details> expander that holds a form."""
        expander = self.page.locator("#main details", has=self.page.locator("summary", has_text=dutch(summary)))
        expander.locator("summary").click()
        expect(expander).to_have_attribute("open", "")

    def timeline(self) -> Locator:
        return self.page.locator("#main section[aria-labelledby=timeline-heading] ol")


def log_in(make_context: Any, base: str, user: Any, who: str) -> tuple[Page, Any]:
    context, log = make_context()
    page = context.new_page()
    staff_login(page, base, user)
    assert_accessible(page, f"landing page after login ({who})")
    return page, log


def open_case_from_list(page: Page, reference: str, who: str) -> None:
    submit(page, page.locator('nav.oi-nav a[href="/medewerkers/zaken/"]'))
    expect(page.locator("#main table tbody")).to_contain_text(reference)
    assert_accessible(page, f"case list ({who})")
    submit(page, page.locator("#main table").get_by_role("link", name=reference, exact=True))


def test_case_from_report_to_closure_in_the_browser(
    transactional_db: Any,
    live_server: Any,
    org: Any,
    personas: Any,
    make_report: Any,
    make_context: Any,
    tmp_path: Path,
) -> None:
    base = live_server.url
    report, _code = make_report(
        ground="unwanted_behaviour", what_happened="Invented: a team lead shouts at the team in meetings."
    )
    principal = make_user(org, "pieter", "case_principal")
    investigator = make_user(org, "iris", "investigator")

    # The coordinator finds the report and makes a case of it.
    alice_page, alice_log = log_in(make_context, base, personas["alice"], "coordinator")
    submit(alice_page, alice_page.locator("#main").get_by_role("link", name=report.reference, exact=True).first)
    assert urlsplit(alice_page.url).path == f"/medewerkers/meldingen/{report.reference}/"
    assert_accessible(alice_page, "report page before the case")

    visit(alice_page, f"{base}/medewerkers/zaken/nieuw/?report={report.reference}")
    assert_accessible(alice_page, "new case form")
    expect(alice_page.locator(f"input[name=reports][value='{report.pk}']")).to_be_checked()
    expect(alice_page.locator("#id_ground")).to_have_value("unwanted_behaviour")
    alice_page.fill("#id_title", "Team culture")
    submit(alice_page, alice_page.locator("#main form.oi-form button[type=submit]"))
    case = Case.objects.get()
    alice = CasePage(alice_page, base, case.reference, "coordinator")
    alice.expect_saved("The case has been created.")
    alice.expect_state("intake")
    expect(alice_page.locator("#reports-heading + ul")).to_contain_text(report.reference)
    alice.checked("case page, just created")

    # Assign a principal and an investigator; record the risk of retaliation.
    for user in (principal, investigator):
        alice_page.select_option("#id_assign-user", str(user.pk))
        alice.post("assign", "The colleague has been assigned.", f"case page after assigning {user.username}")
        expect(alice_page.locator("#team-heading + ul")).to_contain_text(user.username.capitalize())
    alice_page.check("input[name=risk-level][value=medium]")
    alice_page.fill("#id_risk-notes", "Invented: a small team, the reporter is easy to identify.")
    alice.post("risk", "The risk assessment has been recorded.", "case page after the risk assessment")
    alice.expect_state("intake")

    # The investigability assessment, then to the principal.
    alice.step("start_assessment", "assessment")
    alice_page.check("input[name=assessment-investigable][value=yes]")
    alice_page.fill("#id_assessment-reasoning", "Invented: concrete facts, dates and witnesses.")
    alice.post("assessment", "The assessment has been recorded.", "case page after the assessment")
    alice.expect_state("assessment")
    alice.step("submit_for_decision", "decision")

    # The principal decides to investigate, by an external bureau.
    pieter_page, pieter_log = log_in(make_context, base, principal, "principal")
    open_case_from_list(pieter_page, case.reference, "principal")
    pieter = CasePage(pieter_page, base, case.reference, "principal")
    pieter.expect_state("decision")
    pieter.checked("case page for the principal")
    pieter.step("decide_investigate", "investigation")
    pieter.open("Change")
    pieter_page.select_option("#id_external-investigated_by", "external")
    pieter_page.fill("#id_external-external_bureau", "Bureau Voorbeeld")
    pieter_page.fill("#id_external-bureau_assigned_on", "2026-09-15")
    pieter_page.fill("#id_external-external_costs", "1250.00")
    pieter.post("external", "The details have been saved.", "case page after the external details")
    expect(pieter_page.locator("#external-heading + dl")).to_contain_text("Bureau Voorbeeld")

    # The investigator: a party, an allegation, a document, the hearing, a finding.
    iris_page, iris_log = log_in(make_context, base, investigator, "investigator")
    open_case_from_list(iris_page, case.reference, "investigator")
    iris = CasePage(iris_page, base, case.reference, "investigator")
    iris.expect_state("investigation")
    iris.checked("case page for the investigator")
    iris.open("Add a party")
    iris_page.select_option("#id_party-role", "subject")
    iris_page.fill("#id_party-name", SUBJECT)
    iris_page.fill("#id_party-function", "Team lead")
    iris.post("party", "The party has been added.", "case page after adding a party")
    expect(iris_page.locator("#parties-heading + table")).to_contain_text(SUBJECT)
    iris_page.fill("#id_allegation-description", "Invented: shouting at staff in team meetings.")
    iris.post("allegation", "The allegation has been added.", "case page after adding an allegation")
    iris.open("Add a document")
    iris_page.fill("#id_document-title", "Verslag")
    iris_page.set_input_files("#id_document-file", pdf_file(tmp_path))
    iris.post("document", "The document has been added.", "case page after adding a document")
    expect(iris_page.locator("#main").get_by_role("link", name="evidence.pdf")).to_be_visible()

    iris.step("start_hearing", "hearing")
    party = case.parties.get(role="subject")
    document = case.documents.get()
    iris.open("Record a hearing")
    iris_page.select_option("#id_hearing-party", str(party.pk))
    iris_page.fill("#id_hearing-held_on", "2026-10-01")
    iris_page.fill("#id_hearing-heard_by", "Investigator Iris")
    iris_page.fill("#id_hearing-summary", "Invented: heard about the meetings.")
    iris_page.fill("#id_hearing-reaction", "Invented: denies shouting.")
    iris_page.check(f"input[name=hearing-documents][value='{document.pk}']")
    iris.post("hearing", "The hearing has been recorded.", "case page after recording a hearing")
    expect(iris_page.locator("#hearings-heading ~ .oi-card")).to_contain_text("Investigator Iris")
    iris.step("complete_hearing", "findings")

    allegation = case.allegations.get()
    iris_page.select_option(f"#id_finding-{allegation.pk}-outcome", "founded")
    iris_page.fill(f"#id_finding-{allegation.pk}-explanation", "Invented: three witnesses confirm it.")
    iris.post("finding", "The finding has been recorded.", "case page after recording a finding")
    expect(iris_page.locator("#allegations-heading ~ .oi-card")).to_contain_text(dutch("Founded"))

    # The principal: measures, then the summary for the council.
    visit(pieter_page, pieter.url)
    pieter.expect_state("findings")
    pieter.checked("case page for the principal, findings")
    pieter.step("decide_measures", "measures")
    pieter_page.select_option("#id_measure-kind", "coaching")
    pieter_page.fill("#id_measure-decided_on", "2026-10-15")
    pieter_page.fill("#id_measure-description", "Invented: a coaching programme for the team lead.")
    pieter.post("measure", "The measure has been recorded.", "case page after recording a measure")
    expect(pieter_page.locator("#measures-heading + ul")).to_contain_text(dutch("Coaching"))
    pieter.step("measures_taken", "feedback")

    def fill_summary(values: dict[str, str]) -> None:
        for name, value in values.items():
            pieter_page.fill(f"#id_{name}", value)
        pieter.post("summary", "The summary has been saved.", "case page after saving the summary")

    fill_summary({**SUMMARY, "summary-summary_description": f"Melding over {SUBJECT}"})
    with pieter_page.expect_navigation() as navigation:
        pieter.form("summary_final").locator("button[type=submit]").click()
    response = navigation.value
    assert response is not None and response.status == 400, response and response.status
    alert = pieter_page.locator("#summary-heading ~ [role=alert]")
    # The anonymity check (core/anonymity.py) names what it found: the subject's name.
    with translation.override("nl"):
        found = ngettext(
            "The text contains a name of a person known to the organisation.",
            "The text contains %(count)d names of persons known to the organisation.",
            1,
        ) % {"count": 1}
    expect(alert).to_contain_text(found)
    pieter.checked("case page, summary refused")
    case.refresh_from_db()
    assert case.summary_final_at is None

    fill_summary(SUMMARY)
    pieter.post("summary_final", "The summary is final.", "case page with the final summary")
    case.refresh_from_db()
    assert case.summary_final_at is not None
    pieter.expect_state("feedback")

    # The coordinator gives feedback to the reporter on the report page and closes the case.
    visit(alice_page, alice.url)
    alice.expect_state("feedback")
    alice.checked("case page for the coordinator, feedback")
    submit(alice_page, alice_page.locator("#reports-heading + ul").get_by_role("link", name=report.reference))
    assert urlsplit(alice_page.url).path == f"/medewerkers/meldingen/{report.reference}/"
    assert_accessible(alice_page, "report page before the feedback")
    alice_page.check(f"input[name=msg-kind][value={MessageKind.FEEDBACK.value}]")
    alice_page.fill("#id_msg-body", FEEDBACK)
    submit(alice_page, alice_page.locator('#main form[action$="/message/"] button[type=submit]'))
    expect(alice_page.locator("#main [role=status]")).to_contain_text(
        dutch("Your message has been sent to the reporter.")
    )
    expect(alice_page.locator("#main section[aria-labelledby=thread-heading]")).to_contain_text(FEEDBACK)
    assert_accessible(alice_page, "report page after the feedback")
    report.refresh_from_db()
    assert report.status == Status.FEEDBACK_GIVEN and report.feedback_at is not None

    visit(alice_page, alice.url)
    alice.expect_state("feedback")
    alice.checked("case page before closing")
    alice.step("close", "closed")
    case.refresh_from_db()
    report.refresh_from_db()
    assert case.state == "closed" and case.outcome == "founded" and case.closed_at is not None
    assert report.status == Status.CLOSED

    # The timeline tells the whole story, in order.
    timeline = alice.timeline()
    expected = [
        timeline_label("case.created"),
        timeline_label("case.assigned"),
        timeline_label("case.retaliation_risk_assessed"),
        nl(workflow.BY_NAME["start_assessment"].label),
        timeline_label("case.assessment_recorded"),
        nl(workflow.BY_NAME["submit_for_decision"].label),
        nl(workflow.BY_NAME["decide_investigate"].label),
        timeline_label("case.external_updated"),
        timeline_label("case.party_added"),
        timeline_label("case.allegation_added"),
        timeline_label("case.document_added"),
        nl(workflow.BY_NAME["start_hearing"].label),
        timeline_label("case.hearing_recorded"),
        nl(workflow.BY_NAME["complete_hearing"].label),
        timeline_label("case.finding_recorded"),
        nl(workflow.BY_NAME["decide_measures"].label),
        timeline_label("case.measure_added"),
        nl(workflow.BY_NAME["measures_taken"].label),
        timeline_label("case.summary_updated"),
        timeline_label("case.summary_finalised"),
        timeline_label("report.message_sent"),
        nl(workflow.BY_NAME["close"].label),
    ]
    items = timeline.locator("li").all_inner_texts()
    position = 0
    for label in expected:
        found = next((i for i in range(position, len(items)) if label in items[i]), None)
        assert found is not None, f"timeline lacks {label!r} after item {position}: {items}"
        position = found + 1

    live_origin = origin(base)
    for name, log in (("coordinator", alice_log), ("principal", pieter_log), ("investigator", iris_log)):
        assert log.foreign(live_origin) == [], f"the {name}'s browser made requests to other hosts"
