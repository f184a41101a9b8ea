"""Item 8: the reporter's identity is for the reporting point. A coordinator sees it (each
time with a reason); a colleague only where a coordinator granted it for that report, with
a reason, audited and revocable."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from open_integriteit.access import reports as access
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services as case_services
from open_integriteit.encryption.keyring import TOKEN_PREFIX
from open_integriteit.reports import services
from open_integriteit.reports.models import IdentityDisclosure, IdentityGrant

pytestmark = pytest.mark.django_db

NAME = "Invented Reporter Jansen"


@pytest.fixture
def report(team, make_report):
    report, _code = make_report(anonymity="confidential", identity={"name": NAME, "email": "", "phone": ""})
    services.report_assign(report=report, by=team["alice"], user=team["bob"])
    return report


def _disclose_page(client, report):
    return client.post(
        reverse("reports:staff_action", args=[report.reference, "disclose"]), {"disclose-reason": "Invented"}
    )


def _disclosed(client, report):
    """The page the disclosure redirects to (post/redirect/get): it shows the identity once."""
    response = _disclose_page(client, report)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_handler_who_is_not_granted_it_cannot_disclose(team, report, client_for):
    bob = client_for(team["bob"])
    page = bob.get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert 'action="/medewerkers/meldingen/' + report.reference + '/disclose/"' not in page
    assert "grant_identity" not in page  # nor may he grant it

    response = _disclose_page(bob, report)
    assert response.status_code == 302  # back to the report, with a message
    assert NAME not in bob.get(response["Location"]).content.decode()
    with pytest.raises(PermissionDenied):
        services.identity_disclose(report=report, by=team["bob"], reason="Invented")
    assert not IdentityDisclosure.objects.exists()
    assert not AuditEvent.objects.filter(action="reporter_identity.disclosed").exists()


def test_the_coordinator_discloses_with_a_reason(team, report, client_for):
    response = _disclosed(client_for(team["alice"]), report)
    assert response.status_code == 200 and NAME in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert IdentityDisclosure.objects.get().user == team["alice"]


def test_a_grant_lets_one_colleague_disclose_until_it_is_taken_back(team, report, client_for):
    alice, bob = team["alice"], team["bob"]
    alices_page = client_for(alice).get(reverse("reports:staff_report", args=[report.reference])).content.decode()
    assert "grant_identity" in alices_page

    response = client_for(alice).post(
        reverse("reports:staff_action", args=[report.reference, "grant_identity"]),
        {"grant-user": bob.pk, "grant-reason": "Invented: he must call the reporter back."},
    )
    assert response.status_code == 302
    grant = IdentityGrant.objects.get()
    assert (grant.user, grant.granted_by, grant.revoked_at) == (bob, alice, None)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT reason FROM {IdentityGrant._meta.db_table} WHERE id = %s", [grant.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith(TOKEN_PREFIX) and "call the reporter" not in raw

    disclosed = _disclosed(client_for(bob), report)
    assert disclosed.status_code == 200 and NAME in disclosed.content.decode()
    assert IdentityDisclosure.objects.get().user == bob  # his own reason, logged

    client_for(alice).post(
        reverse("reports:staff_action", args=[report.reference, "revoke_identity"]), {"grant_id": grant.pk}
    )
    grant.refresh_from_db()
    assert grant.revoked_by == alice and grant.revoked_at is not None
    assert not access.can_disclose_identity(bob, report)
    with pytest.raises(PermissionDenied):
        services.identity_disclose(report=report, by=bob, reason="Invented")
    events = AuditEvent.objects.filter(action__startswith="reporter_identity.").order_by("sequence")
    actions = list(events.values_list("action", flat=True))
    assert actions == [
        "reporter_identity.access_granted",
        "reporter_identity.disclosed",
        "reporter_identity.access_revoked",
    ]


def test_a_grant_needs_a_reason_and_a_colleague_of_the_report(team, report):
    alice = team["alice"]
    with pytest.raises(ValidationError):
        services.identity_grant(report=report, by=alice, user=team["bob"], reason=" ")
    for not_on_the_team in (team["carol"], team["dave"], alice, team["grace"]):
        with pytest.raises(ValidationError):
            services.identity_grant(report=report, by=alice, user=not_on_the_team, reason="Invented")
    with pytest.raises(PermissionDenied):  # only the reporting point grants
        services.identity_grant(report=report, by=team["bob"], user=team["bob"], reason="Invented")
    assert not IdentityGrant.objects.exists()


def test_leaving_the_report_ends_the_grant(team, report):
    alice, bob = team["alice"], team["bob"]
    services.identity_grant(report=report, by=alice, user=bob, reason="Invented")
    services.report_unassign(report=report, by=alice, user=bob)
    services.report_assign(report=report, by=alice, user=bob)
    assert not access.can_disclose_identity(bob, report)  # assigned again, but not granted again

    services.identity_grant(report=report, by=alice, user=bob, reason="Invented")
    services.report_mark_implicated(report=report, by=alice, user=bob)
    assert not IdentityGrant.objects.filter(revoked_at__isnull=True).exists()


def test_in_a_case_the_grant_is_per_report_to_the_case_team(team, make_report, make_case):
    report, _code = make_report(anonymity="confidential", identity={"name": NAME, "email": "", "phone": ""})
    case = make_case(reports=[report])
    alice, pat = team["alice"], team["pat"]
    assert not access.can_disclose_identity(pat, report)
    services.identity_grant(report=report, by=alice, user=pat, reason="Invented")
    assert access.can_disclose_identity(pat, report)
    case_services.case_unassign(case=case, by=alice, user=pat)
    assert not IdentityGrant.objects.filter(revoked_at__isnull=True).exists()
