"""Need-to-know on reports beyond the pages (those are visited by every persona in
``access/tests/test_need_to_know.py``): who can never be assigned, and what an implicated
coordinator or another organisation's auditor cannot reach.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from open_integriteit.accounts.models import User
from open_integriteit.reports import services
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


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


def test_auditor_of_other_organisation_sees_no_events_of_ours(setup, other_org, client_for):
    _report, _people = setup
    auditor = make_user(other_org, "oscar", "auditor")
    response = client_for(auditor).get(reverse("audit:event_list"), {"action": "report."})
    # The filter offers every code; the table shows none of our events.
    assert response.context["rows"] == []
