"""Item 7: who may implicate someone, and how a mistaken implication is corrected.

Only the reporting point (a coordinator who sees the case or report) marks people
implicated; for a matter about a coordinator, the case principal who handles it may too.
An investigator who names a subject with an account implicates nobody: the deciders are
asked. A mistaken mark is withdrawn with a reason, by someone who still has access.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from open_integriteit.access import cases as case_access
from open_integriteit.access import reports as report_access
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import services
from open_integriteit.cases.models import CaseImplication, CaseImplicationWithdrawal, PartyRole
from open_integriteit.encryption.keyring import TOKEN_PREFIX
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Implication, ImplicationWithdrawal
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_report(team, make_case, make_report):
    report, _code = make_report()
    return make_case(reports=[report]), report


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


def test_an_investigator_cannot_implicate_the_coordinator(
    team, case_and_report, client_for, django_capture_on_commit_callbacks
):
    case, report = case_and_report
    alice, bob, pat = team["alice"], team["bob"], team["pat"]

    # Not directly...
    with pytest.raises(PermissionDenied):
        services.case_mark_implicated(case=case, by=bob, user=alice)
    response = client_for(bob).post(
        reverse("cases:action", args=[case.reference, "implicate"]), {"implicate-user": alice.pk}
    )
    back_to_team = reverse("cases:detail", args=[case.reference]) + "?section=team#team"
    assert response.status_code == 302 and response["Location"] == back_to_team

    # ...and not by naming her as the subject of the case.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.party_add(case=case, by=bob, role=PartyRole.SUBJECT, name="Invented", user=alice)

    assert not CaseImplication.objects.filter(case=case, user=alice).exists()
    assert case_access.can_view_case(alice, case)
    assert report_access.can_view_report(alice, report)
    (proposal,) = _events("case.implication_proposed")
    assert proposal.actor_id == bob.pk and set(proposal.details) == {"party_id"}
    # Those who may decide about a coordinator are asked: here the case's principal. The mail
    # names neither the person nor any content.
    assert [m.to for m in mail.outbox] == [[pat.email]]
    assert case.reference in mail.outbox[0].body and "Alice" not in mail.outbox[0].body


def test_the_page_asks_the_coordinator_to_decide_on_a_named_subject(team, case_and_report, client_for):
    case, _report = case_and_report
    alice, bob, dave = team["alice"], team["bob"], team["dave"]
    services.party_add(case=case, by=bob, role=PartyRole.SUBJECT, name="Invented", user=dave)
    assert not CaseImplication.objects.filter(case=case, user=dave).exists()

    bobs_page = client_for(bob).get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert 'name="implicate-user"' not in bobs_page  # the investigator is offered no way to implicate

    page = client_for(alice).get(reverse("cases:detail", args=[case.reference]))
    assert list(page.context["subjects_to_decide"]) == list(case.parties.filter(user=dave))
    client_for(alice).post(reverse("cases:action", args=[case.reference, "implicate"]), {"implicate-user": dave.pk})
    assert CaseImplication.objects.filter(case=case, user=dave, marked_by=alice).exists()
    assert not case_access.can_view_case(dave, case)


def test_a_coordinator_naming_a_subject_implicates_at_once(team, case_and_report):
    case, report = case_and_report
    services.case_assign(case=case, by=team["alice"], user=team["dave"])
    services.party_add(case=case, by=team["alice"], role=PartyRole.SUBJECT, name="Invented", user=team["dave"])
    assert CaseImplication.objects.filter(case=case, user=team["dave"]).exists()
    assert not case_access.can_view_case(team["dave"], case)
    assert not report_access.can_view_report(team["dave"], report)
    assert not _events("case.implication_proposed")


def test_the_principal_decides_for_a_case_about_a_coordinator(org, team, case_and_report):
    case, report = case_and_report
    alice, pat, bob = team["alice"], team["pat"], team["bob"]

    # In an ordinary case the principal implicates nobody...
    with pytest.raises(PermissionDenied):
        services.case_mark_implicated(case=case, by=pat, user=team["dave"])
    # ...but may implicate the coordinator, and then anyone in this case about her.
    services.case_mark_implicated(case=case, by=pat, user=alice)
    assert not case_access.can_view_case(alice, case)
    assert not report_access.can_view_report(alice, report)
    assert case_access.is_about_a_coordinator(case)
    services.case_mark_implicated(case=case, by=pat, user=team["dave"])
    # The investigator still decides nothing.
    with pytest.raises(PermissionDenied):
        services.case_mark_implicated(case=case, by=bob, user=team["mila"])


def test_a_mistaken_implication_of_the_coordinator_is_withdrawn_with_a_reason(org, team, case_and_report):
    case, report = case_and_report
    alice, pat = team["alice"], team["pat"]
    zoe = make_user(org, "zoe", "coordinator")
    services.case_mark_implicated(case=case, by=zoe, user=alice)
    assert not case_access.can_view_case(alice, case)

    # Nobody without access, nor the investigator, can take it back.
    for not_allowed in (alice, team["bob"], team["carol"], team["grace"]):
        with pytest.raises(PermissionDenied):
            services.case_implication_withdraw(case=case, by=not_allowed, user=alice, reason="x")
    with pytest.raises(ValidationError):
        services.case_implication_withdraw(case=case, by=pat, user=alice, reason="  ")

    withdrawal = services.case_implication_withdraw(
        case=case, by=pat, user=alice, reason="Invented: she was confused with another Alice."
    )

    assert case_access.can_view_case(alice, case) and report_access.can_view_report(alice, report)
    assert (withdrawal.marked_by_id, withdrawal.withdrawn_by_id) == (zoe.pk, pat.pk)
    (event,) = _events("case.implication_withdrawn")
    assert event.details == {"user_id": alice.pk, "withdrawal_id": withdrawal.pk}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT reason FROM {CaseImplicationWithdrawal._meta.db_table} WHERE id = %s", [withdrawal.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith(TOKEN_PREFIX) and "confused" not in raw  # the reason is encrypted at rest


def test_a_coordinator_withdraws_through_the_case_page(team, case_and_report, client_for):
    case, _report = case_and_report
    alice, dave = team["alice"], team["dave"]
    services.case_mark_implicated(case=case, by=alice, user=dave)
    url = reverse("cases:action", args=[case.reference, "withdraw_implication"])

    empty = client_for(alice).post(url, {"withdraw-user": dave.pk, "withdraw-reason": ""})
    assert empty.status_code == 400  # the page again, with the choice kept
    assert empty.context["withdraw_form"]["user"].value() == str(dave.pk)
    assert CaseImplication.objects.filter(case=case, user=dave).exists()

    done = client_for(alice).post(url, {"withdraw-user": dave.pk, "withdraw-reason": "Invented mistake"})
    assert done.status_code == 302
    assert not CaseImplication.objects.filter(case=case, user=dave).exists()
    services.case_assign(case=case, by=alice, user=dave)  # may be assigned again
    assert case_access.can_view_case(dave, case)


def test_a_mistaken_implication_in_a_report_is_withdrawn(team, make_report):
    report, _code = make_report()
    alice, carol = team["alice"], team["carol"]
    report_services.report_mark_implicated(report=report, by=alice, user=carol)
    with pytest.raises(ValidationError):
        report_services.report_assign(report=report, by=alice, user=carol)
    with pytest.raises(PermissionDenied):
        report_services.report_implication_withdraw(report=report, by=team["bob"], user=carol, reason="x")

    withdrawal = report_services.report_implication_withdraw(report=report, by=alice, user=carol, reason="Invented")

    assert not Implication.objects.filter(report=report, user=carol).exists()
    assert ImplicationWithdrawal.objects.get() == withdrawal
    report_services.report_assign(report=report, by=alice, user=carol)
    assert report_access.can_view_report(carol, report)
    assert [e.details["user_id"] for e in _events("report.implication_withdrawn")] == [carol.pk]
