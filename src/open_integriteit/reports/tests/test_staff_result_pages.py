"""Issue 7, item 2, the staff side: the identity shown after a disclosure and the receipt
code of a registered report are shown on the page the post redirects to, once; a reload
posts nothing again (post/redirect/get)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from open_integriteit.reports.models import IdentityDisclosure, Report
from open_integriteit.testing.fixtures import REPORT_DATA

pytestmark = pytest.mark.django_db


def test_a_reload_after_showing_the_identity_records_no_second_disclosure(org, personas, client_for, make_report):
    report, _code = make_report(anonymity="confidential", identity={"name": "Invented", "email": ""})
    alice = client_for(personas["alice"])
    url = reverse("reports:staff_action", args=[report.reference, "disclose"])
    first = alice.post(url, {"disclose-reason": "Invented reason"})
    assert IdentityDisclosure.objects.count() == 1  # accepted
    assert first.status_code == 302  # the identity shown on the page it redirects to
    alice.get(first["Location"])
    alice.get(first["Location"])  # reload
    assert IdentityDisclosure.objects.count() == 1


def test_a_reload_after_registering_a_report_registers_nothing(org, personas, client_for):
    alice = client_for(personas["alice"])
    data = {
        **REPORT_DATA,
        "channel": "letter",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    first = alice.post(reverse("reports:staff_register"), data)
    assert Report.objects.count() == 1  # accepted
    assert first.status_code == 302  # the receipt code for the reporter on the page it redirects to
    alice.get(first["Location"])
    alice.get(first["Location"])  # reload
    assert Report.objects.count() == 1
