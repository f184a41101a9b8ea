"""Issue 7, item 2, the staff side: the identity shown after a disclosure and the receipt
code of a registered report are shown on the page the post redirects to, once; a reload
posts nothing again (post/redirect/get)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.reports import receipts, selectors
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


NAME = "Invented Name-MARKER"


def _disclose(client, report):
    return client.post(
        reverse("reports:staff_action", args=[report.reference, "disclose"]), {"disclose-reason": "Invented reason"}
    )


def test_the_identity_is_shown_once_on_the_page_after_the_disclosure_and_audited_once(
    org, personas, client_for, make_report
):
    report, _code = make_report(anonymity="confidential", identity={"name": NAME, "email": ""})
    alice = client_for(personas["alice"])
    before = client_for(personas["alice"]).get(reverse("reports:staff_report", args=[report.reference]))
    assert NAME not in before.content.decode()
    response = _disclose(alice, report)
    page_url = reverse("reports:staff_report", args=[report.reference])
    assert response["Location"].startswith(f"{page_url}?section=identity&disclosure=")
    assert response["Location"].endswith("#identity")
    assert NAME not in response.content.decode()
    shown = alice.get(response["Location"])
    assert shown.status_code == 200 and NAME in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    again = alice.get(response["Location"])
    page = again.content.decode()
    assert NAME not in page and 'data-testid="identity-shown-before"' in page
    assert 'action="' + reverse("reports:staff_action", args=[report.reference, "disclose"]) + '"' in page
    assert AuditEvent.objects.filter(action="reporter_identity.disclosed").count() == 1
    assert IdentityDisclosure.objects.get().user == personas["alice"]
    # Asking again, with a reason: shown again, audited again.
    assert NAME in alice.get(_disclose(alice, report)["Location"]).content.decode()
    assert AuditEvent.objects.filter(action="reporter_identity.disclosed").count() == 2


def test_the_page_after_the_disclosure_shows_nothing_to_another_session_or_with_another_id(
    org, personas, client_for, make_report
):
    report, _code = make_report(anonymity="confidential", identity={"name": NAME, "email": ""})
    alice = client_for(personas["alice"])
    location = _disclose(alice, report)["Location"]
    assert NAME not in client_for(personas["alice"]).get(location).content.decode()  # another session
    disclosure = IdentityDisclosure.objects.get()
    other = location.replace(f"disclosure={disclosure.pk}", f"disclosure={disclosure.pk + 1}")
    assert NAME not in alice.get(other).content.decode()  # the kept one is gone now, too
    assert NAME not in alice.get(location).content.decode()


def test_the_identity_is_not_shown_after_the_right_to_see_it_was_taken_back(org, personas, client_for, make_report):
    from open_integriteit.reports import services

    report, _code = make_report(anonymity="confidential", identity={"name": NAME, "email": ""})
    alice, bob = personas["alice"], personas["bob"]
    services.report_assign(report=report, by=alice, user=bob)
    grant = services.identity_grant(report=report, by=alice, user=bob, reason="Invented")
    bob_client = client_for(bob)
    location = _disclose(bob_client, report)["Location"]
    services.identity_grant_revoke(grant=grant, by=alice)
    assert NAME not in bob_client.get(location).content.decode()


def _register(client):
    data = {**REPORT_DATA, "channel": "letter", "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    return client.post(reverse("reports:staff_register"), data)


def test_the_receipt_code_of_a_registered_report_is_shown_once_and_kept_encrypted(org, personas, client_for):
    alice = client_for(personas["alice"])
    response = _register(alice)
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:staff_registered", args=[report.reference])
    kept = alice.session["oi_registered"]
    assert list(kept) == [str(report.pk)] and not kept[str(report.pk)].replace(" ", "").isdigit()  # encrypted
    first = alice.get(response["Location"])
    code = first.context["code"]
    assert code and code in first.content.decode() and report.reference in first.content.decode()
    assert selectors.report_get_for_receipt(organisation=org, code=receipts.normalise_code(code)) == report
    assert first["Cache-Control"] == "no-store"
    reload = alice.get(response["Location"])
    page = reload.content.decode()
    assert reload.context["code"] is None and code not in page and report.reference in page
    assert 'data-testid="receipt-code-shown"' in page
    assert "oi_registered" not in alice.session
    assert Report.objects.count() == 1


def test_the_registered_page_is_only_for_who_registered_the_report(org, personas, client_for):
    location = _register(client_for(personas["alice"]))["Location"]
    for name in ("bob", "carol", "grace", "mila"):
        assert client_for(personas[name]).get(location).status_code == 404, name
    assert client_for(personas["alice"]).get(location).status_code == 200


def test_a_failed_registration_shows_the_form_again_and_registers_nothing(org, personas, client_for):
    alice = client_for(personas["alice"])
    response = alice.post(reverse("reports:staff_register"), {"channel": "letter"})
    assert response.status_code == 200 and response.context["form"].errors
    assert Report.objects.count() == 0 and "oi_registered" not in alice.session


def test_two_registrations_before_either_page_is_seen_each_show_their_own_code_once(org, personas, client_for):
    alice = client_for(personas["alice"])
    first, second = _register(alice)["Location"], _register(alice)["Location"]
    assert first != second and Report.objects.count() == 2
    second_code = alice.get(second).context["code"]
    first_code = alice.get(first).context["code"]
    assert first_code and second_code and first_code != second_code
    assert alice.get(first).context["code"] is None and alice.get(second).context["code"] is None
    assert "oi_registered" not in alice.session
