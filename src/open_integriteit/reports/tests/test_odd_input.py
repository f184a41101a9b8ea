"""Odd input never gives a server error: minutes that do not exist, and a small fuzz of the
public and staff forms (odd Unicode, RTL marks, NUL bytes, long values, repeated keys)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from open_integriteit.reports import receipts

pytestmark = pytest.mark.django_db


def test_a_reporter_answering_minutes_that_do_not_exist_gets_a_message(org, make_report):
    _report, code = make_report()
    client = Client()
    client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": code})
    response = client.post(reverse("reports:mailbox", args=[org.slug]), {"action": "minutes", "decision": "approve"})
    assert response.status_code == 200
    assert "notulen" in response.content.decode().lower()


def test_staff_recording_an_approval_without_minutes_gets_a_message(make_report, personas, client_for):
    report, _code = make_report()
    response = client_for(personas["alice"]).post(
        reverse("reports:staff_action", args=[report.reference, "minutes_approval"]), {"approval-via": "signed"}
    )
    assert response.status_code == 400
    assert "notulen" in response.content.decode().lower()


ODD = [
    "\u202eevil\u202c",
    "\u200f\u200e\u2066x\u2069",
    "nul\x00byte",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "x" * 100_000,
    "١٢٣",
    "\U0001f600" * 50,
]


@pytest.mark.parametrize("value", ODD)
def test_odd_values_in_public_forms_never_give_a_server_error(org, make_report, value):
    _report, code = make_report()
    client = Client()
    for url, data in [
        (reverse("reports:public_form", args=[org.slug]), {"what_happened": value, "ground": value, "email": value}),
        (reverse("reports:mailbox_login", args=[org.slug]), {"code": value}),
    ]:
        assert client.post(url, data).status_code < 500
        assert client.post(url, {"code": [value, value], "what_happened": [value, "x"]}).status_code < 500
    client.post(reverse("reports:mailbox_login", args=[org.slug]), {"code": receipts.format_code(code)})
    mailbox = reverse("reports:mailbox", args=[org.slug])
    for action in ("reply", "minutes", value):
        assert (
            client.post(mailbox, {"action": action, "body": value, "decision": value, "comment": value}).status_code
            < 500
        )


@pytest.mark.parametrize("value", ODD)
def test_odd_values_in_staff_forms_never_give_a_server_error(make_report, personas, client_for, value):
    report, _code = make_report()
    client = client_for(personas["alice"])
    for action, data in [
        ("acknowledge", {"ack-body": value}),
        ("message", {"msg-kind": value, "msg-body": value}),
        ("classify", {"cls-ground": value, "cls-category": value}),
        ("assign", {"assign-user": value}),
        ("implicate", {"implicate-user": value}),
        ("disclose", {"disclose-reason": value}),
        ("minutes_revise", {"minutes-text": value}),
        ("minutes_approval", {"approval-via": value}),
        ("unknown", {}),
    ]:
        response = client.post(reverse("reports:staff_action", args=[report.reference, action]), data)
        assert response.status_code < 500, action
    assert client.get(reverse("reports:staff_list"), {"year": value, "status": value}).status_code < 500
    assert client.post(reverse("reports:staff_register"), {"channel": value, "received_at": value}).status_code < 500
