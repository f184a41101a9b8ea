"""Need-to-know on cases in the selectors and services (the pages are visited by every
persona in ``access/tests/test_need_to_know.py``).

Refused, with Http404 from selectors and PermissionDenied from services: an outsider (an
account without any role here), a coordinator of another organisation (grace), an
unassigned colleague (carol), an implicated person (dave, assigned first, then marked on
the case), a person implicated only in the case's report (ivan, still assigned to the case)
and the administrator (erin). Nothing changes on their behalf, and no read is logged.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from open_integriteit.access import cases as case_access
from open_integriteit.accounts.models import Role, User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import selectors, services
from open_integriteit.cases.models import Case, CaseAssignment, PartyRole
from open_integriteit.cases.views import ACTIONS
from open_integriteit.cases.workflow import State
from open_integriteit.reports import services as report_services
from open_integriteit.reports.uploads import CheckedFile
from open_integriteit.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

REFUSED = ["outsider", "grace", "carol", "dave", "ivan", "erin"]


@pytest.fixture
def setup(org, team, make_case, make_report):
    alice = team["alice"]
    report, _code = make_report()
    spare_report, _code = make_report()
    case = make_case(state=State.INVESTIGATION, reports=[report])
    services.case_assign(case=case, by=alice, user=team["dave"])
    services.case_mark_implicated(case=case, by=alice, user=team["dave"])
    ivan = make_user(org, "ivan", Role.INVESTIGATOR)
    services.case_assign(case=case, by=alice, user=ivan)
    report_services.report_mark_implicated(report=report, by=alice, user=ivan)
    assert CaseAssignment.objects.filter(case=case, user=ivan).exists()  # assigned, yet implicated

    document = services.document_add(
        case=case, by=team["bob"], title="Invented memo", file=CheckedFile("memo.txt", "text/plain", b"invented memo")
    )
    party = services.party_add(case=case, by=team["bob"], role=PartyRole.WITNESS, name="Invented Witness")
    allegation = services.allegation_add(case=case, by=team["pat"], description="Invented allegation")
    measure = services.protective_measure_add(
        case=case, by=team["pat"], description="Invented protection", started_on=dt.date(2025, 1, 1), follow_up_on=None
    )
    outsider = User.objects.create_user(username="outsider", password="x" * 20, organisation=org)
    people = {**team, "ivan": ivan, "outsider": outsider}
    objects = {"document": document, "party": party, "allegation": allegation, "measure": measure}
    objects["spare_report"] = spare_report
    return case, people, objects


def snapshot(case: Case) -> dict:
    """Everything a refused request could have changed or logged."""
    case = Case.objects.get(pk=case.pk)
    related = [
        "parties",
        "notes",
        "documents",
        "assignments",
        "implications",
        "allegations",
        "measures",
        "protective_measures",
        "hearings",
        "risk_assessments",
        "assessments",
        "case_reports",
        "retaliation_complaints",
    ]
    return {
        "fields": {
            f.name: getattr(case, f.name) for f in Case._meta.concrete_fields if not f.name.startswith("summary_final")
        },
        "summary_final_at": case.summary_final_at,
        "counts": {name: getattr(case, name).count() for name in related},
        "ended": list(case.protective_measures.values_list("ended_on", flat=True)),
        "findings": list(case.allegations.filter(finding__isnull=False).values_list("pk", flat=True)),
        "cases": Case.objects.count(),
        "events": AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk)).count(),
        "downloads": AuditEvent.objects.filter(action="case.document_downloaded").count(),
    }


# --- Services and selectors (the one place access is decided) -----------------------------


@pytest.mark.parametrize("who", REFUSED)
def test_selectors_refuse_without_need_to_know(setup, who):
    case, people, objects = setup
    user = people[who]
    events = AuditEvent.objects.count()
    assert not case_access.can_view_case(user, case)
    assert case not in selectors.case_list_queryset_for_user(user=user)
    with pytest.raises(Http404):
        selectors.case_get_for_user(user=user, reference=case.reference)
    with pytest.raises(Http404):
        selectors.document_get_for_user(user=user, pk=objects["document"].pk)
    assert AuditEvent.objects.count() == events  # a refused read is never logged as a read


@pytest.mark.parametrize("who", REFUSED)
def test_services_refuse_without_need_to_know_and_change_nothing(setup, who):
    case, people, objects = setup
    user = people[who]
    before = snapshot(case)
    today = dt.date(2025, 3, 1)
    attempts = {
        "transition": lambda: services.case_transition(case=case, by=user, transition="start_hearing"),
        "assign": lambda: services.case_assign(case=case, by=user, user=people["carol"]),
        "unassign": lambda: services.case_unassign(case=case, by=user, user=people["bob"]),
        "implicate": lambda: services.case_mark_implicated(case=case, by=user, user=people["bob"]),
        "withdraw_implication": lambda: services.case_implication_withdraw(
            case=case, by=user, user=people["dave"], reason="Invented"
        ),
        "add_report": lambda: services.case_add_report(case=case, by=user, report=objects["spare_report"]),
        "party": lambda: services.party_add(case=case, by=user, role="witness", name="Invented"),
        "risk": lambda: services.risk_assess(case=case, by=user, level="high"),
        "assessment": lambda: services.assessment_record(case=case, by=user, investigable=True, reasoning="x"),
        "measure": lambda: services.measure_add(case=case, by=user, kind="coaching", decided_on=today),
        "allegation": lambda: services.allegation_add(case=case, by=user, description="Invented"),
        "finding": lambda: services.finding_record(allegation=objects["allegation"], by=user, outcome="founded"),
        "hearing": lambda: services.hearing_record(
            case=case, by=user, party=objects["party"], held_on=today, heard_by="x", summary="x"
        ),
        "protection": lambda: services.protective_measure_add(
            case=case, by=user, description="x", started_on=today, follow_up_on=None
        ),
        "protection_update": lambda: services.protective_measure_update(
            measure=objects["measure"], by=user, follow_up_on=None, ended_on=today
        ),
        "external": lambda: services.external_update(case=case, by=user, fraud_involved=True),
        "document": lambda: services.document_add(
            case=case, by=user, title="x", file=CheckedFile("x.txt", "text/plain", b"x")
        ),
        "note": lambda: services.note_add(case=case, by=user, text="Invented"),
        "lessons": lambda: services.lessons_update(case=case, by=user, lessons_learned="Invented"),
        "summary": lambda: services.summary_update(case=case, by=user, summary_year=2025),
        "summary_final": lambda: services.summary_finalise(case=case, by=user),
        "retaliation": lambda: services.retaliation_complaint_create(
            original=case, by=user, title="x", description="y"
        ),
    }
    assert set(attempts) == set(ACTIONS)  # every action of the case page
    for name, attempt in attempts.items():
        with pytest.raises(PermissionDenied):
            attempt()
            pytest.fail(f"{name} was not refused for {who}")
    assert snapshot(case) == before
