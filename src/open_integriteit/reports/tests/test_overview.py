"""The coordinator's overviews: the dashboard summary, the deadline overview (database
states equal to ``deadlines.report_deadlines``, filter, paging), the paged lists, the CSV
downloads (what the user may see, no content, audited, formulas defused) and the filter
that refuses ``?year=abc`` out loud."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.core.export import cell
from open_integriteit.reports import overview, selectors, services
from open_integriteit.reports.deadlines import report_deadlines
from open_integriteit.reports.models import Report

pytestmark = pytest.mark.django_db


def _report(make_report, *, received_days_ago: float, acknowledged_days_ago: float | None = None) -> Report:
    report, _code = make_report()
    now = timezone.now()
    acknowledged = now - dt.timedelta(days=acknowledged_days_ago) if acknowledged_days_ago is not None else None
    Report.objects.filter(pk=report.pk).update(
        received_at=now - dt.timedelta(days=received_days_ago),
        acknowledged_at=acknowledged,
        status="in_progress" if acknowledged else "new",
    )
    report.refresh_from_db()
    return report


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# --- States in the database equal the states in Python -------------------------------------

# Ages around every boundary: acknowledgement due after 7 days (due soon from day 5),
# feedback due 3 calendar months after the acknowledgement (due soon 14 days before).
RECEIVED_AGES = [0.1, 4.99, 5.01, 6.9, 7.01, 30]
ACKNOWLEDGED_AGES = [1, 60, 74, 75, 76, 77, 78, 88, 89, 90, 91, 92, 93, 95, 120]


def test_database_states_equal_the_deadline_rules(make_report):
    reports = [_report(make_report, received_days_ago=age) for age in RECEIVED_AGES]
    reports += [_report(make_report, received_days_ago=age + 2, acknowledged_days_ago=age) for age in ACKNOWLEDGED_AGES]
    for hours in range(0, 24 * 5, 7):  # times of day and both sides of month ends
        now = timezone.now() + dt.timedelta(hours=hours)
        in_db = {
            r.pk: overview.STATES[r.deadline_rank]
            for r in overview.with_deadline(Report.objects.filter(pk__in=[r.pk for r in reports]), now=now)
        }
        expected = {r.pk: next(d.state for d in report_deadlines(r, now=now) if d.is_open) for r in reports}
        assert in_db == expected, now


def test_feedback_state_follows_the_clamped_month_end(make_report):
    """30 and 31 August are both due on 30 November, at their own time of day."""
    zone = timezone.get_current_timezone()
    now = dt.datetime(2026, 11, 30, 17, 0, tzinfo=zone)
    late_evening = dt.datetime(2026, 8, 30, 21, 0, tzinfo=zone)  # due 30 November 21:00: due soon
    small_hours = dt.datetime(2026, 8, 31, 1, 0, tzinfo=zone)  # due 30 November 01:00: overdue
    reports = {}
    for name, acknowledged in (("late_evening", late_evening), ("small_hours", small_hours)):
        report, _code = make_report()
        Report.objects.filter(pk=report.pk).update(
            received_at=acknowledged - dt.timedelta(days=1), acknowledged_at=acknowledged, status="in_progress"
        )
        reports[name] = Report.objects.get(pk=report.pk)
    states = {r.pk: overview.STATES[r.deadline_rank] for r in overview.with_deadline(Report.objects.all(), now=now)}
    assert states[reports["late_evening"].pk] == "due_soon"
    assert states[reports["small_hours"].pk] == "overdue"
    for report in reports.values():
        assert states[report.pk] == next(d.state for d in report_deadlines(report, now=now) if d.is_open)


# --- The dashboard and the overview ----------------------------------------------------------


def test_dashboard_counts_per_state_and_links_to_the_overview(make_report, personas, client_for):
    _report(make_report, received_days_ago=8)
    _report(make_report, received_days_ago=8)
    _report(make_report, received_days_ago=6)
    _report(make_report, received_days_ago=100, acknowledged_days_ago=95)
    counts = selectors.deadline_counts_for_user(user=personas["alice"])
    assert counts["acknowledgement"] == {"overdue": 2, "due_soon": 1, "on_time": 0}
    assert counts["feedback"] == {"overdue": 1, "due_soon": 0, "on_time": 0}
    assert counts["total"]["overdue"] == 3
    page = client_for(personas["alice"]).get(reverse("reports:staff_dashboard")).content.decode()
    assert f'{reverse("reports:deadlines")}?kind=acknowledgement&amp;state=overdue">2</a>' in page


def test_dashboard_shows_only_the_most_urgent_few(make_report, personas, client_for):
    reports = [_report(make_report, received_days_ago=1 + i / 10) for i in range(8)]
    page = client_for(personas["alice"]).get(reverse("reports:staff_dashboard")).content.decode()
    shown = [r for r in reports if r.reference in page]
    assert len(shown) == 5
    assert reports[-1] in shown and reports[0] not in shown  # the oldest are the most urgent


def test_overview_lists_overdue_first_and_filters(make_report, personas, client_for):
    on_time = _report(make_report, received_days_ago=1)
    overdue = _report(make_report, received_days_ago=9)
    feedback_overdue = _report(make_report, received_days_ago=100, acknowledged_days_ago=95)
    client = client_for(personas["alice"])
    page = client.get(reverse("reports:deadlines")).content.decode()
    assert page.index(overdue.reference) < page.index(on_time.reference)
    assert page.index(feedback_overdue.reference) < page.index(on_time.reference)
    page = client.get(reverse("reports:deadlines"), {"state": "overdue", "kind": "feedback"}).content.decode()
    assert feedback_overdue.reference in page
    assert overdue.reference not in page and on_time.reference not in page


def test_overview_filters_by_handler(make_report, personas, client_for):
    mine = _report(make_report, received_days_ago=1)
    other = _report(make_report, received_days_ago=1)
    services.report_assign(report=mine, by=personas["alice"], user=personas["bob"])
    page = client_for(personas["alice"]).get(reverse("reports:deadlines"), {"handler": personas["bob"].pk})
    assert mine.reference in page.content.decode()
    assert other.reference not in page.content.decode()
    assert "Bob" in page.content.decode()  # the handler's name in the row


def test_overview_shows_only_what_the_user_may_see(make_report, personas, client_for):
    report = _report(make_report, received_days_ago=9)
    assert report.reference not in client_for(personas["bob"]).get(reverse("reports:deadlines")).content.decode()
    assert client_for(personas["mila"]).get(reverse("reports:deadlines")).status_code == 404


def test_lists_page_by_fifty(make_report, personas, client_for):
    for _ in range(53):
        make_report()
    client = client_for(personas["alice"])
    first = client.get(reverse("reports:staff_list")).content.decode()
    assert first.count('href="/medewerkers/meldingen/M-') == 50
    assert "utrecht-pagination" in first
    second = client.get(reverse("reports:staff_list"), {"page": 2}).content.decode()
    assert second.count('href="/medewerkers/meldingen/M-') == 3
    overview_page = client.get(reverse("reports:deadlines"), {"page": 2}).content.decode()
    assert 'aria-current="page">2<' in overview_page


# --- CSV -------------------------------------------------------------------------------------


def test_report_csv_has_dutch_headers_no_content_and_is_audited(make_report, personas, client_for):
    report = _report(make_report, received_days_ago=2)
    services.report_assign(report=report, by=personas["alice"], user=personas["bob"])
    response = client_for(personas["alice"]).get(reverse("reports:staff_list_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][0] == "Kenmerk"
    assert rows[1][0] == report.reference
    assert "Bob" in rows[1][-1]
    assert "Invented" not in response.content.decode("utf-8-sig")  # no decrypted content
    event = AuditEvent.objects.filter(action="report.list_exported").get()
    assert event.actor_id == personas["alice"].pk and event.details["rows"] == 1


def test_deadline_and_case_csv_are_audited(make_report, make_case, personas, client_for):
    _report(make_report, received_days_ago=9)
    case = make_case()
    client = client_for(personas["alice"])
    deadlines = _csv(client.get(reverse("reports:deadlines_csv"), {"state": "overdue"}))
    assert deadlines[0][:2] == ["Kenmerk", "Termijn"] and len(deadlines) >= 2
    cases = _csv(client.get(reverse("cases:list_csv")))
    assert cases[1][0] == case.reference
    assert case.title not in "".join(map(";".join, cases))  # the working title is content
    assert AuditEvent.objects.filter(action="report.deadlines_exported").exists()
    assert AuditEvent.objects.filter(action="case.list_exported").exists()


def test_csv_for_someone_without_need_to_know_holds_nothing(make_report, personas, client_for):
    _report(make_report, received_days_ago=2)
    assert len(_csv(client_for(personas["bob"]).get(reverse("reports:staff_list_csv")))) == 1  # headers only
    assert client_for(personas["mila"]).get(reverse("reports:staff_list_csv")).status_code == 404


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx"])
def test_csv_cells_that_look_like_formulas_are_defused(value):
    assert cell(value) == "'" + value


# --- Filters that are not understood ---------------------------------------------------------


@pytest.mark.parametrize("url_name", ["reports:staff_list", "cases:list", "consultations:overview", "advice:list"])
def test_a_year_that_is_not_a_number_is_answered_with_a_message(url_name, make_report, personas, client_for):
    report = _report(make_report, received_days_ago=2)
    page = client_for(personas["alice"]).get(reverse(url_name), {"year": "abc"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Het filter kon niet worden toegepast (Jaar)" in text
    if url_name == "reports:staff_list":
        assert report.reference in text  # the unfiltered list


# --- Constant queries ------------------------------------------------------------------------

PAGES = ["reports:staff_dashboard", "reports:deadlines", "reports:staff_list", "cases:list"]


def _queries(client, url_name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(url_name)).status_code == 200
    return len(queries)


def test_overview_pages_take_the_same_number_of_queries_with_3_and_30_reports(
    make_report, make_case, personas, client_for
):
    client = client_for(personas["alice"])

    def fill(n: int) -> None:
        for i in range(n):
            report = _report(make_report, received_days_ago=i % 12, acknowledged_days_ago=None if i % 2 else 1)
            if i % 3 == 1:
                services.report_assign(report=report, by=personas["alice"], user=personas["bob"])
            if i % 5 == 0:
                make_case(reports=[report])

    fill(3)
    small = {name: _queries(client, name) for name in PAGES}
    fill(27)
    large = {name: _queries(client, name) for name in PAGES}
    assert small == large
