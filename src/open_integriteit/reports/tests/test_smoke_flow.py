"""The reporting point end to end through the Django test client."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from open_integriteit.reports.models import Report, Status

pytestmark = pytest.mark.django_db


def test_anonymous_reporter_reads_acknowledgement_with_receipt_code(client, org, personas, client_for):
    form_url = reverse("reports:public_form", args=[org.slug])
    response = client.post(
        form_url,
        {
            "ground": "misstand",
            "what_happened": "Invented wrongdoing",
            "reported_elsewhere": "no",
            "reporter_type": "citizen",
            "anonymity": "anonymous",
        },
        follow=True,
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response.redirect_chain == [(reverse("reports:public_receipt", args=[org.slug]), 302)]
    code = re.search(r'data-testid="receipt-code">([\d ]+)<', response.content.decode()).group(1)
    report = Report.objects.get()
    assert report.status == Status.NEW

    alice = client_for(personas["alice"])
    response = alice.post(
        reverse("reports:staff_action", args=[report.reference, "acknowledge"]), {"ack-body": "We received it."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.acknowledged_at is not None

    response = client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code})
    assert response.status_code == 302
    page = client.get(reverse("reports:mailbox", args=[org.slug])).content.decode()
    assert "We received it." in page
    response = client.post(reverse("reports:mailbox", args=[org.slug]), {"action": "reply", "body": "Thanks"})
    assert response.status_code == 302
    assert report.messages.filter(kind="reporter_reply").count() == 1
    assert all("Invented" not in m.body for m in mail.outbox)
