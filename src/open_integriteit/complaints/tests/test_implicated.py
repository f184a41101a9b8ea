"""A coordinator implicated in a case stays out of the complaint that became that case, as
out of the case itself (found in the attacker review of issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from open_integriteit.access import cases as access_cases
from open_integriteit.accounts.models import Role
from open_integriteit.cases.models import CaseImplication
from open_integriteit.complaints import services
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


def test_an_implicated_coordinator_cannot_read_change_or_unlink_the_complaint(org, personas, make_case, client_for):
    alice = personas["alice"]
    cora = make_user(org, "cora", Role.COORDINATOR)
    case = make_case()
    complaint = services.complaint_record(
        organisation=org,
        by=alice,
        received_on=dt.date.today(),
        kind="bullying",
        description="Invented: remarks about XYZZY",
        case=case,
    )
    CaseImplication.objects.create(case=case, user=cora, marked_by=alice)
    assert not access_cases.can_view_case(cora, case)
    client = client_for(cora)
    assert client.get(reverse("complaints:complaint_edit", args=[complaint.pk])).status_code == 404
    data = {
        "received_on": dt.date.today().isoformat(),
        "kind": complaint.kind,
        "description": "changed",
        "outcome": "pending",
        "case": "",
    }
    assert client.post(reverse("complaints:complaint_edit", args=[complaint.pk]), data).status_code == 404
    assert b"XYZZY" not in client.get(reverse("complaints:overview")).content
    with pytest.raises(PermissionDenied):
        services.complaint_update(complaint=complaint, by=cora, received_on=dt.date.today(), kind="bullying")
    complaint.refresh_from_db()
    assert complaint.case_id == case.pk and complaint.description == "Invented: remarks about XYZZY"
    # alice, not implicated, still reads it
    assert client_for(alice).get(reverse("complaints:complaint_edit", args=[complaint.pk])).status_code == 200
