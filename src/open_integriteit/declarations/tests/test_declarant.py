"""The declarant's side of the declarations: drafts, submission with the checks per kind,
withdraw and end, "nothing to declare" / "nothing changed", and who sees a declaration
(the full persona table per URL is in ``access/tests/test_need_to_know.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from open_integriteit.audit.models import AuditEvent
from open_integriteit.declarations import selectors, services
from open_integriteit.declarations.models import Declaration, Kind, NilReturn
from open_integriteit.declarations.workflow import State

from .factories import DATA, GIFT, SIDE_JOB, declare

pytestmark = pytest.mark.django_db


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- Services -------------------------------------------------------------------------------


def test_a_draft_is_kept_incomplete_and_only_its_declarant_changes_it(declaration_world):
    w = declaration_world
    draft = services.declaration_save_draft(by=w.users["mila"], kind=Kind.SIDE_JOB, data={"body": "Invented club"})
    assert draft.state == State.DRAFT and draft.body == "Invented club" and draft.role == ""
    services.declaration_save_draft(
        by=w.users["mila"], kind=Kind.SIDE_JOB, data={**SIDE_JOB, "role": "Coach"}, declaration=draft
    )
    assert Declaration.objects.get(pk=draft.pk).role == "Coach"
    for other in ("dave", "rita", "otto"):
        with pytest.raises(PermissionDenied):
            services.declaration_save_draft(by=w.users[other], kind=Kind.SIDE_JOB, data=SIDE_JOB, declaration=draft)
    with pytest.raises(PermissionDenied):  # the administrator is nobody in the register
        services.declaration_save_draft(by=w.users["erin"], kind=Kind.SIDE_JOB, data=SIDE_JOB)


def test_a_submitted_declaration_can_no_longer_be_changed_or_thrown_away(declaration_world):
    w = declaration_world
    submitted = declare(w, "mila", Kind.SIDE_JOB, state=State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.declaration_save_draft(by=w.users["mila"], kind=Kind.SIDE_JOB, data=SIDE_JOB, declaration=submitted)
    with pytest.raises(PermissionDenied):
        services.declaration_discard_draft(by=w.users["mila"], declaration=submitted)


def test_submitting_asks_for_every_field_the_kind_needs_with_a_message_per_field(declaration_world):
    w = declaration_world
    draft = services.declaration_save_draft(by=w.users["mila"], kind=Kind.SIDE_JOB, data={"body": "Invented club"})
    with pytest.raises(ValidationError) as exc:
        services.declaration_submit(by=w.users["mila"], declaration=draft)
    assert set(errors_of(exc)) == {"role", "hours_per_month", "paid", "relation_to_work", "starts_on"}
    assert Declaration.objects.get(pk=draft.pk).state == State.DRAFT


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        (Kind.SIDE_JOB, {"hours_per_month": 745}, "hours_per_month"),
        (Kind.SIDE_JOB, {"hours_per_month": -1}, "hours_per_month"),
        (Kind.SIDE_JOB, {"starts_on": dt.date(2024, 5, 1), "ends_on": dt.date(2024, 4, 30)}, "ends_on"),
        (Kind.SIDE_JOB, {"starts_on": "yesterday"}, "starts_on"),
        (Kind.GIFT, {"estimated_value": Decimal("-0.01")}, "estimated_value"),
        (Kind.GIFT, {"received_on": timezone.localdate() + dt.timedelta(days=1)}, "received_on"),
    ],
)
def test_wrong_values_are_refused_even_in_a_draft(declaration_world, kind, change, field):
    with pytest.raises(ValidationError) as exc:
        services.declaration_save_draft(by=declaration_world.users["mila"], kind=kind, data={**DATA[kind], **change})
    assert list(errors_of(exc)) == [field]
    assert not Declaration.objects.exists()


def test_the_edges_are_allowed(declaration_world):
    w = declaration_world
    declare(w, "mila", Kind.SIDE_JOB, hours_per_month=744, ends_on=SIDE_JOB["starts_on"])
    declare(w, "mila", Kind.SIDE_JOB, hours_per_month=0)
    declare(w, "mila", Kind.GIFT, estimated_value=Decimal("0"), received_on=timezone.localdate())


def test_only_officials_and_holders_of_a_designated_post_declare_financial_interests(declaration_world):
    w = declaration_world
    with pytest.raises(ValidationError) as exc:
        services.declaration_save_draft(
            by=w.users["mila"], kind=Kind.FINANCIAL_INTEREST, data=DATA[Kind.FINANCIAL_INTEREST]
        )
    assert "aangewezen functie" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.nil_return_record(by=w.users["mila"], kind=Kind.FINANCIAL_INTEREST, answer="nothing_to_declare")
    assert declare(w, "fenna", Kind.FINANCIAL_INTEREST).state == State.SUBMITTED
    assert declare(w, "piet", Kind.FINANCIAL_INTEREST).state == State.SUBMITTED


def test_the_post_held_at_submission_is_stored_and_q_q_is_asked_of_officials_only(declaration_world):
    w = declaration_world
    fenna = declare(w, "fenna", Kind.SIDE_JOB)
    assert fenna.post is not None and fenna.post.title == "Inkoper"
    assert declare(w, "mila", Kind.SIDE_JOB, by_virtue_of_office=True).by_virtue_of_office is False
    official = declare(w, "piet", Kind.SIDE_JOB, by_virtue_of_office=True)
    assert official.by_virtue_of_office is True and official.post is None


def test_withdraw_and_end_follow_the_table_and_are_in_the_history(declaration_world):
    w = declaration_world
    mila = w.users["mila"]
    pending = declare(w, "mila", Kind.SIDE_JOB, state=State.SUBMITTED)
    services.declarant_transition(by=mila, declaration=pending, name="withdraw")
    assert pending.state == State.WITHDRAWN
    approved = declare(w, "mila", Kind.SIDE_JOB, state=State.RESTRICTED)
    with pytest.raises(PermissionDenied):
        services.declarant_transition(by=mila, declaration=approved, name="withdraw")
    with pytest.raises(ValidationError) as exc:
        services.declarant_transition(by=mila, declaration=approved, name="end", ends_on=dt.date(2023, 1, 1))
    assert list(errors_of(exc)) == ["ends_on"]  # before the start
    services.declarant_transition(by=mila, declaration=approved, name="end", ends_on=timezone.localdate())
    events = [(e.transition, e.reason) for e in approved.events.all()]
    assert events == [("submit", ""), ("approve_restricted", "Invented reason"), ("end_restricted", "")]


def test_nil_returns_count_and_must_fit_what_is_declared(declaration_world):
    w = declaration_world
    mila = w.users["mila"]
    services.nil_return_record(by=mila, kind=Kind.GIFT, answer="nothing_to_declare")
    with pytest.raises(ValidationError):
        services.nil_return_record(by=mila, kind=Kind.GIFT, answer="nothing_changed")
    declare(w, "mila", Kind.SIDE_JOB, state=State.APPROVED)
    with pytest.raises(ValidationError):
        services.nil_return_record(by=mila, kind=Kind.SIDE_JOB, answer="nothing_to_declare")
    services.nil_return_record(by=mila, kind=Kind.SIDE_JOB, answer="nothing_changed")
    assert sorted(NilReturn.objects.values_list("kind", "answer")) == [
        ("gift", "nothing_to_declare"),
        ("side_job", "nothing_changed"),
    ]
    assert AuditEvent.objects.filter(action="declarations.nil_return").count() == 2


# --- Who sees what ----------------------------------------------------------------------------


def test_each_persona_sees_exactly_the_declarations_they_need_to(declaration_world, org, other_org):
    w = declaration_world
    draft = declare(w, "mila", Kind.SIDE_JOB, state=State.DRAFT)
    submitted = declare(w, "mila", Kind.GIFT)
    for name in ("mila", "dave", "rita", "alice"):
        assert selectors.declaration_for_user(user=w.users[name], pk=submitted.pk).pk == submitted.pk
    for name in ("otto", "fenna", "erin", "grace", "bob", "frank"):
        with pytest.raises(Http404):
            selectors.declaration_for_user(user=w.users[name], pk=submitted.pk)
    assert selectors.declaration_for_user(user=w.users["mila"], pk=draft.pk)
    for name in ("dave", "rita", "alice"):  # a draft is the declarant's only
        with pytest.raises(Http404):
            selectors.declaration_for_user(user=w.users[name], pk=draft.pk)


def test_reading_another_persons_financial_interest_is_audited(declaration_world, client_for):
    w = declaration_world
    interest = declare(w, "fenna", Kind.FINANCIAL_INTEREST)
    url = reverse("declarations:detail", args=[interest.pk])
    assert client_for(w.users["fenna"]).get(url).status_code == 200
    assert not AuditEvent.objects.filter(action="declarations.viewed").exists()
    for name in ("otto", "rita"):
        assert client_for(w.users[name]).get(url).status_code == 200
    readers = AuditEvent.objects.filter(action="declarations.viewed", object_id=str(interest.pk))
    assert sorted(readers.values_list("actor_id", flat=True)) == sorted([w.users["otto"].pk, w.users["rita"].pk])
    assert client_for(w.users["dave"]).get(url).status_code == 404  # another unit's manager


# --- Pages ------------------------------------------------------------------------------------


def test_bad_input_keeps_everything_typed_and_says_per_field_what_is_wrong(declaration_world, client_for):
    mila = client_for(declaration_world.users["mila"])
    response = mila.post(
        reverse("declarations:my_new", args=["side_job"]),
        {"body": "Invented Choir", "role": "Conductor", "hours_per_month": "800", "starts_on": "2024-02-01",
         "ends_on": "2024-01-01", "submit": "1"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Invented Choir"' in page and 'value="Conductor"' in page and 'value="800"' in page
    assert 'id="id_hours_per_month_error"' in page and 'id="id_paid_error"' in page
    assert 'id="id_relation_to_work_error"' in page
    assert not Declaration.objects.exists()


def test_an_employee_declares_a_side_job_as_draft_then_submits_it(declaration_world, client_for):
    mila = client_for(declaration_world.users["mila"])
    new = reverse("declarations:my_new", args=["side_job"])
    page = mila.get(new).content.decode()
    assert "by_virtue_of_office" not in page  # q.q. is for officials
    assert 'value="yes" checked' not in page and "checked" not in page  # paid or unpaid starts empty
    response = mila.post(new, {"body": "Invented Choir", "draft": "1"})
    draft = Declaration.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("declarations:detail", args=[draft.pk])
    edit = reverse("declarations:my_edit", args=[draft.pk])
    assert 'value="Invented Choir"' in mila.get(edit).content.decode()
    data = {
        "body": "Invented Choir", "role": "Conductor", "hours_per_month": "8", "paid": "yes",
        "relation_to_work": "None", "starts_on": "01-02-2024", "submit": "1",
    }  # fmt: skip
    assert mila.post(edit, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.paid, draft.post.title) == (State.SUBMITTED, True, "Vergunningverlener")
    overview = mila.get(reverse("declarations:my_overview")).content.decode()
    assert "Conductor" in overview and "oi-badge--declaration-submitted" in overview
    assert mila.get(edit).status_code == 404  # no longer a draft


def test_an_official_is_asked_in_what_capacity(declaration_world, client_for):
    piet = client_for(declaration_world.users["piet"])
    page = piet.get(reverse("declarations:my_new", args=["side_job"])).content.decode()
    assert 'name="by_virtue_of_office"' in page


def test_an_employee_without_a_designated_post_is_told_why_there_is_no_form(declaration_world, client_for):
    mila = client_for(declaration_world.users["mila"])
    url = reverse("declarations:my_new", args=["financial_interest"])
    page = mila.get(url).content.decode()
    assert "aangewezen functie" in page and '<form class="oi-form"' not in page
    assert (
        mila.post(url, {**{k: str(v) for k, v in DATA[Kind.FINANCIAL_INTEREST].items()}, "submit": "1"}).status_code
        == 200
    )
    assert not Declaration.objects.exists()
    assert "financial_interest" not in mila.get(reverse("declarations:my_overview")).content.decode()


def test_a_gift_above_the_threshold_must_be_handed_in(declaration_world, client_for):
    w = declaration_world
    mila = client_for(w.users["mila"])
    data = {k: str(v) for k, v in GIFT.items() if k != "accepted" and k != "is_invitation"}
    response = mila.post(
        reverse("declarations:my_new", args=["gift"]),
        {**data, "estimated_value": "75,00", "accepted": "yes", "submit": "1"},
        follow=True,
    )
    assert "lever het in bij de registerbeheerder" in response.content.decode()
    small = declare(w, "mila", Kind.GIFT, estimated_value=Decimal("50.00"))
    assert not selectors.gift_must_be_handed_in(small)
    refused = declare(w, "mila", Kind.GIFT, accepted=False)
    assert not selectors.gift_must_be_handed_in(refused)


def test_the_declarant_withdraws_ends_and_answers_on_the_pages(declaration_world, client_for):
    w = declaration_world
    mila = client_for(w.users["mila"])
    pending = declare(w, "mila", Kind.SIDE_JOB)
    approved = declare(w, "mila", Kind.SIDE_JOB, state=State.APPROVED)
    assert mila.post(reverse("declarations:withdraw", args=[pending.pk])).status_code == 302
    bad = mila.post(reverse("declarations:end", args=[approved.pk]), {"ends_on": "31-02-2025"})
    assert bad.status_code == 200 and 'id="id_ends_on_error"' in bad.content.decode()
    assert mila.post(reverse("declarations:end", args=[approved.pk]), {"ends_on": "01-03-2025"}).status_code == 302
    page = mila.get(reverse("declarations:detail", args=[approved.pk])).content.decode()
    assert "Invented reason" in page  # the decision's reason in the history
    assert (
        mila.post(reverse("declarations:my_nil_return", args=["gift"]), {"answer": "nothing_to_declare"}).status_code
        == 302
    )
    assert NilReturn.objects.filter(kind="gift").exists()
    overview = mila.get(reverse("declarations:my_overview")).content.decode()
    assert "'Niets te melden' op " in overview  # the answer, with its date, in the history of gifts


def test_the_clerk_who_gets_the_end_form_back_has_read_the_financial_interest(declaration_world, client_for):
    w = declaration_world
    interest = declare(w, "fenna", Kind.FINANCIAL_INTEREST, state=State.APPROVED)
    rita = client_for(w.users["rita"])
    response = rita.post(reverse("declarations:end", args=[interest.pk]), {"ends_on": "no date"})
    assert response.status_code == 200 and "construction company" in response.content.decode()
    assert AuditEvent.objects.filter(action="declarations.viewed").count() == 1
    assert rita.post(reverse("declarations:end", args=[interest.pk]), {"ends_on": "2025-03-01"}).status_code == 302
    interest.refresh_from_db()
    assert interest.state == State.ENDED and interest.ends_on == dt.date(2025, 3, 1)


def test_my_declarations_take_the_same_number_of_queries_however_many_there_are(declaration_world, client_for):
    w = declaration_world
    mila = client_for(w.users["mila"])
    declare(w, "mila", Kind.SIDE_JOB)
    services.nil_return_record(by=w.users["mila"], kind=Kind.GIFT, answer="nothing_to_declare")
    with CaptureQueriesContext(connection) as few:
        assert mila.get(reverse("declarations:my_overview")).status_code == 200
    for state in (State.DRAFT, State.APPROVED, State.RESTRICTED, State.REFUSED, State.WITHDRAWN):
        declare(w, "mila", Kind.SIDE_JOB, state=state)
        declare(w, "mila", Kind.GIFT, state=state)
    services.nil_return_record(by=w.users["mila"], kind=Kind.SIDE_JOB, answer="nothing_changed")
    with CaptureQueriesContext(connection) as many:
        page = mila.get(reverse("declarations:my_overview")).content.decode()
    assert page.count("oi-badge--declaration-") == 11
    assert len(many) == len(few)
