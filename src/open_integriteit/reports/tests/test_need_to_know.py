"""Need-to-know: every staff view of a report refuses, with 404, everyone without it.

Refused on every view: an outsider (an account without any role here), a staff member of
another organisation (grace), an unassigned colleague (carol), an implicated person (dave,
assigned first, then marked) and the administrator (erin).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.reports import services
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

REFUSED = ["outsider", "grace", "carol", "dave", "erin"]


@pytest.fixture
def setup(org, personas, make_report):
    report, _code = make_report()
    services.report_reply_from_reporter(
        report=report, body="extra", files=[CheckedFile("note.txt", "text/plain", b"invented note")]
    )
    alice = personas["alice"]
    services.report_assign(report=report, by=alice, user=personas["bob"])
    services.report_assign(report=report, by=alice, user=personas["dave"])
    services.report_mark_implicated(report=report, by=alice, user=personas["dave"])
    outsider = User.objects.create_user(username="outsider", password="x" * 20, organisation=org)
    people = {**personas, "outsider": outsider}
    return report, people


def report_views(report):
    attachment = report.attachments.first()
    yield "get", reverse("reports:staff_report", args=[report.reference])
    yield "get", reverse("reports:staff_attachment", args=[attachment.pk])
    for action in [
        "acknowledge",
        "message",
        "classify",
        "assign",
        "unassign",
        "implicate",
        "disclose",
        "minutes_revise",
        "minutes_approval",
    ]:
        yield "post", reverse("reports:staff_action", args=[report.reference, action])


@pytest.mark.parametrize("who", REFUSED)
def test_report_views_refuse_without_need_to_know(setup, client_for, who):
    report, people = setup
    client = client_for(people[who])
    for method, url in report_views(report):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (who, url, response.status_code)
    # and nothing was changed or read on their behalf
    report.refresh_from_db()
    assert report.acknowledged_at is None


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_coordinator_and_assigned_investigator_can_open_report(setup, client_for, who):
    report, people = setup
    client = client_for(people[who])
    response = client.get(reverse("reports:staff_report", args=[report.reference]))
    assert response.status_code == 200
    assert "Invented: a supplier" in response.content.decode()


def test_anonymous_visitor_is_sent_to_login_and_sees_nothing(setup, client):
    report, _people = setup
    for method, url in report_views(report):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", REFUSED)
def test_lists_and_dashboard_never_show_the_report(setup, client_for, who):
    report, people = setup
    client = client_for(people[who])
    for url in (reverse("reports:staff_dashboard"), reverse("reports:staff_list")):
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert report.reference not in response.content.decode()


def test_administrator_cannot_be_assigned_even_with_a_content_role(setup, org):
    report, people = setup
    erin = people["erin"]
    from open_integriteit.accounts.services import role_assign

    role_assign(user=erin, role="investigator")
    erin = User.objects.get(pk=erin.pk)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.report_assign(report=report, by=people["alice"], user=erin)


def test_implicated_person_can_never_be_assigned(setup):
    report, people = setup
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.report_assign(report=report, by=people["alice"], user=people["dave"])


def test_implicated_coordinator_loses_access(setup, org, client_for):
    report, people = setup
    second = make_user(org, "zoe", "coordinator")
    services.report_mark_implicated(report=report, by=people["alice"], user=second)
    response = client_for(second).get(reverse("reports:staff_report", args=[report.reference]))
    assert response.status_code == 404


def test_auditor_list_refuses_everyone_but_auditors(setup, client_for):
    _report, people = setup
    url = reverse("audit:event_list")
    for who in ["alice", "bob", "carol", "erin", "outsider", "grace"]:
        assert client_for(people[who]).get(url).status_code == 404, who
    response = client_for(people["frank"]).get(url, {"action": "report."})
    assert response.status_code == 200
    assert "report.submitted" in response.content.decode()


def test_auditor_of_other_organisation_sees_no_events_of_ours(setup, other_org, client_for):
    _report, _people = setup
    auditor = make_user(other_org, "oscar", "auditor")
    response = client_for(auditor).get(reverse("audit:event_list"), {"action": "report."})
    # The filter offers every code; the table shows none of our events.
    assert response.context["rows"] == []


def test_user_management_is_for_the_administrator_only(setup, client_for):
    _report, people = setup
    for who in ["alice", "frank", "outsider", "grace"]:
        assert client_for(people[who]).get(reverse("accounts:user_list")).status_code == 404, who
        assert client_for(people[who]).get(reverse("organisations:branding")).status_code == 404, who
    assert client_for(people["erin"]).get(reverse("accounts:user_list")).status_code == 200
