"""An adopted report is frozen: its files are made once and never change (issue 10).

What happens after adoption (a new report, a register entry that changes, a case destroyed
by the retention job, the template changed, the worker running again) changes nothing in
the adopted report's HTML, PDF, Word or XLSX (as stored, downloaded and published), nor in
the report on its page; a new draft of the same year does show the changes, so the
comparison could fail.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from open_integriteit.annual_reports import document, render, services, tasks
from open_integriteit.annual_reports.models import AnnualReport, TemplateChapter
from open_integriteit.annual_reports.tests.test_outputs import adopt
from open_integriteit.cases.models import Case
from open_integriteit.cases.retention import retention_ends
from open_integriteit.cases.tests.test_statistics import investigated_case
from open_integriteit.cases.workflow import State
from open_integriteit.declarations import services as declaration_services
from open_integriteit.declarations.models import Kind
from open_integriteit.declarations.tests.factories import build_declaration_world, declare
from open_integriteit.reports import services as report_services
from open_integriteit.retention.runner import run_retention
from open_integriteit.testing.fixtures import REPORT_DATA

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
ADOPTION = {"adopted_on": dt.date(2026, 3, 10), "adopted_by": "Invented", "decision_reference": "INV-2"}


def _report_part(page: bytes) -> str:
    """The report as its page shows it (the document part of the detail page)."""
    found = re.search(r'<article class="oi-report".*?</article>', page.decode(), re.DOTALL)
    assert found, "the page shows no report"
    return found.group()


def _shown(client, report: AnnualReport) -> dict[str, bytes | str]:
    """What the coordinator gets (each file downloaded, and the report on its page) and what
    the public page serves."""
    shown: dict[str, bytes | str] = {}
    for fmt in render.FORMATS:
        response = client.get(reverse("annual_reports:download", args=[report.pk, fmt]))
        assert response.status_code == 200
        shown[fmt] = response.content
        public = Client().get(reverse("annual_reports:public_file", args=[report.organisation.slug, report.pk, fmt]))
        assert public.status_code == 200
        shown[f"public {fmt}"] = public.content
    shown["page"] = _report_part(client.get(reverse("annual_reports:detail", args=[report.pk])).content)
    return shown


def _stored(report: AnnualReport) -> dict[str, bytes]:
    return {f.format: tasks.file_content(f) for f in AnnualReport.objects.get(pk=report.pk).files.all()}


def _figure(data, key: str, year: int) -> float | None:
    return next(
        value["number"]
        for section in data["sections"]
        for figure in section["figures"]
        if figure["key"] == key
        for value in figure["years"]
        if value["year"] == year
    )


def _register_row(data, label: str) -> list[str]:
    (section,) = [s for s in data["sections"] if s["key"] == "figures"]
    table = next(t for t in section["tables"] if t["key"] == "registers")
    return next(row for row in table["rows"] if row[0] == label)


def test_nothing_after_adoption_changes_the_adopted_report_but_a_new_draft_shows_it(
    org, team, personas, make_case, walk, client_for, django_capture_on_commit_callbacks
):
    alice = personas["alice"]
    case = investigated_case(
        team,
        make_case,
        walk,
        opened=dt.datetime(2025, 2, 3, 10, tzinfo=AMS),
        closed=dt.datetime(2025, 9, 1, 10, tzinfo=AMS),
        bureau="Invented Bureau",
    )
    world = build_declaration_world(org, personas)
    gift = declare(world, "mila", Kind.GIFT, received_on=dt.date(2025, 6, 10))
    report = services.report_create(organisation=org, first_year=2025, last_year=2025, by=alice)
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes the files
        report = adopt(report, alice, **ADOPTION)
    services.report_publish(report=report, by=alice)
    stored = _stored(report)
    assert sorted(stored) == ["docx", "html", "pdf", "xlsx"]
    assert stored["pdf"].startswith(b"%PDF-")
    coordinator = client_for(alice)
    shown = _shown(coordinator, report)
    assert {fmt: shown[fmt] for fmt in render.FORMATS} == stored
    assert {fmt: shown[f"public {fmt}"] for fmt in render.FORMATS} == stored
    assert "Invented: a tender was split into smaller orders." in shown["page"]
    frozen = report.frozen
    assert _figure(frozen, "reports.reports", 2025) == 0
    assert _register_row(frozen, "Gemelde geschenken en uitnodigingen")[1] == "1"

    # Later: a letter from December comes in, the gift is withdrawn from the register, the
    # template changes, and the case is destroyed when its retention period ends.
    report_services.report_register(
        organisation=org,
        by=alice,
        channel="letter",
        data=REPORT_DATA,
        received_at=dt.datetime(2025, 12, 15, 10, tzinfo=AMS),
    )
    declaration_services.declarant_transition(by=world.users["mila"], declaration=gift, name="withdraw")
    TemplateChapter.objects.filter(organisation=org).update(title="Changed later")
    end = retention_ends(Case.objects.get(pk=case.pk))
    assert end is not None
    with time_machine.travel(end + dt.timedelta(hours=1), tick=False):
        assert run_retention() >= 1  # the case, and what else has reached its end
    assert Case.objects.get(pk=case.pk).state == State.DESTROYED

    assert tasks.render_files(report.pk) == 0
    assert _stored(report) == stored
    assert _shown(coordinator, report) == shown

    # A corrected version (a new draft of the same year) counts the letter and no longer the withdrawn gift.
    draft = services.report_correct(report=report, by=alice)
    now = document.current(draft)
    assert _figure(now, "reports.reports", 2025) == 1
    assert _register_row(now, "Gemelde geschenken en uitnodigingen")[1] == "0"
    assert now != frozen
    # The same rendering: the adopted document gives the stored page, the new one does not.
    assert render.html(report, frozen).encode() == stored["html"]
    assert render.html(report, now).encode() != stored["html"]
