"""Vulnerable posts (issue 9): the checklist scores a post onto the proposed list, the clerk
can override it with a reason, retired questions keep their answers, and adopting the list
sets ``Post.vulnerable`` for exactly the posts on it, switches on the financial-interest duty
where chosen (and the HR import keeps it), is audited and stays readable as history. Four
years on, the coordinators and register clerks get one review reminder. Who may open which
page is in ``access/tests/test_need_to_know.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.people import vulnerable
from open_integriteit.people.models import FixedQuestion, Override, Post, PostAnswer, VulnerablePostList
from open_integriteit.people.services import people_import
from open_integriteit.testing.fixtures import login, make_user

from .files import ROWS, as_csv

pytestmark = pytest.mark.django_db

NO = dict.fromkeys(FixedQuestion.values, False)


def answers(**yes: bool) -> dict[str, bool]:
    return NO | yes


@pytest.fixture
def rita(org, personas):
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"  # 1002 manages OMG (and VTH below it)
    clerk = make_user(org, "rita", Role.REGISTER_CLERK)
    assert people_import(organisation=org, by=clerk, file_name="hr.csv", data=as_csv(rows), dry_run=False).errors == []
    return clerk


def post(org, title):
    return Post.objects.get(organisation=org, title=title)


def assess(org, title, by, override="", reason="", **yes):
    return vulnerable.post_assess(
        post=post(org, title), answers=answers(**yes), override=override, override_reason=reason, by=by
    )


def proposed(org):
    return [p.title for p in vulnerable.proposed_posts(organisation_id=org.pk)]


def test_the_score_puts_a_post_on_the_proposed_list_at_the_threshold(org, rita):
    # Default weights: money 2, sensitive 1, permits 2; threshold 3.
    assess(org, "Vergunningverlener", rita, permits=True, sensitive=True)  # 3
    assess(org, "Controller", rita, money=True)  # 2
    assert proposed(org) == ["Vergunningverlener"]
    vulnerable.settings_update(organisation=org, threshold=2, weights={}, by=rita)
    assert sorted(proposed(org)) == ["Controller", "Vergunningverlener"]


def test_every_question_must_be_answered(org, rita):
    with pytest.raises(ValidationError):
        vulnerable.post_assess(
            post=post(org, "Controller"), answers={"money": True}, override="", override_reason="", by=rita
        )


def test_the_clerk_overrides_the_score_with_a_reason(org, rita):
    with pytest.raises(ValidationError):
        assess(org, "Controller", rita, override=Override.INCLUDE, reason=" ")
    assess(org, "Controller", rita, override=Override.INCLUDE, reason="Invented: approves large payments.")
    no_mandate = "Invented: no own mandate."
    assess(org, "Vergunningverlener", rita, override=Override.EXCLUDE, reason=no_mandate, money=True, permits=True)
    assert proposed(org) == ["Controller"]


def test_a_retired_question_keeps_its_answers_and_no_longer_counts(org, rita):
    own = vulnerable.question_add(organisation=org, text="Does the post sign contracts?", weight=5, by=rita)
    assessment = assess(org, "Controller", rita, **{str(own.pk): True})
    assert proposed(org) == ["Controller"]
    vulnerable.question_retire(organisation=org, pk=own.pk, by=rita)
    assert proposed(org) == []
    assert PostAnswer.objects.get(assessment=assessment, question=own).answer is True
    # The next assessment no longer asks it, and leaves its answer alone.
    assess(org, "Controller", rita)
    assert PostAnswer.objects.get(assessment=assessment, question=own).answer is True


def test_own_questions_are_reordered(org, rita):
    first = vulnerable.question_add(organisation=org, text="First invented question?", weight=1, by=rita)
    second = vulnerable.question_add(organisation=org, text="Second invented question?", weight=1, by=rita)
    vulnerable.question_move(organisation=org, pk=second.pk, up=True, by=rita)
    labels = [q.label for q in vulnerable.checklist_questions(organisation_id=org.pk)]
    assert labels[:6] == [str(label) for label in FixedQuestion.labels]
    assert labels[6:] == [second.text, first.text]


def test_adoption_marks_exactly_the_listed_posts_and_switches_on_the_duty(org, rita):
    stale = post(org, "Directeur")
    Post.objects.filter(pk=stale.pk).update(vulnerable=True)  # from an earlier list
    assess(org, "Vergunningverlener", rita, permits=True, enforcement=True)
    assess(org, "Stagiair vergunningen", rita, money=True, procurement=True)
    assess(org, "Controller", rita)
    trainee = post(org, "Stagiair vergunningen")
    before = AuditEvent.objects.count()
    post_list = vulnerable.list_adopt(
        organisation=org,
        adopted_on=dt.date(2026, 3, 10),
        decision_reference="B&W 2026/17",
        financial_interest_duty=[trainee.pk, post(org, "Controller").pk],  # Controller is not on the list
        by=rita,
        today=dt.date(2026, 3, 12),
    )
    marked = set(Post.objects.filter(organisation=org, vulnerable=True).values_list("title", flat=True))
    assert marked == {"Vergunningverlener", "Stagiair vergunningen"}
    trainee.refresh_from_db()
    assert trainee.designated and trainee.duties_set_by_clerk_at is not None
    assert not post(org, "Vergunningverlener").designated  # its box was left empty
    event = AuditEvent.objects.get(action="people.vulnerable_list_adopted")
    assert event.details == {"posts": 2, "cleared": 1, "designated": 1}
    assert AuditEvent.objects.count() == before + 1
    assert post_list.review_due_on == dt.date(2030, 3, 10)
    # The HR import keeps the duty the clerk switched on (the file says "nee").
    assert people_import(organisation=org, by=rita, file_name="hr.csv", data=as_csv(), dry_run=False).errors == []
    trainee.refresh_from_db()
    assert trainee.designated


def test_a_later_list_replaces_the_marks_and_the_earlier_stays_readable(org, rita, client):
    assess(org, "Vergunningverlener", rita, permits=True, enforcement=True)
    first = vulnerable.list_adopt(
        organisation=org, adopted_on=dt.date(2022, 5, 1), decision_reference="B&W 2022/9",
        financial_interest_duty=[], by=rita,
    )  # fmt: skip
    assess(org, "Vergunningverlener", rita)
    assess(org, "Controller", rita, money=True, sensitive=True)
    with pytest.raises(ValidationError):  # not before the list in force
        vulnerable.list_adopt(
            organisation=org,
            adopted_on=dt.date(2021, 1, 1),
            decision_reference="x",
            financial_interest_duty=[],
            by=rita,
        )
    vulnerable.list_adopt(
        organisation=org, adopted_on=dt.date(2026, 2, 1), decision_reference="B&W 2026/3",
        financial_interest_duty=[], by=rita,
    )  # fmt: skip
    assert set(Post.objects.filter(organisation=org, vulnerable=True).values_list("title", flat=True)) == {"Controller"}
    login(client, rita)
    page = client.get(reverse("people:vulnerable_list", args=[first.pk])).content.decode()
    assert "Vergunningverlener" in page and "B&amp;W 2022/9" in page
    history = client.get(reverse("people:vulnerable_lists")).content.decode()
    assert "B&amp;W 2022/9" in history and "B&amp;W 2026/3" in history


def test_nobody_but_the_clerk_and_the_coordinator_writes(org, rita, personas):
    for name in ("dave", "erin", "frank", "grace"):
        with pytest.raises(PermissionDenied):
            assess(org, "Controller", personas[name])
    assess(org, "Controller", personas["alice"])  # the coordinator assesses too


def test_a_manager_reads_the_checklists_of_his_units_only(org, rita, personas, client):
    assess(org, "Vergunningverlener", rita, permits=True, sensitive=True)
    login(client, personas["dave"])
    page = client.get(reverse("people:vulnerable")).content.decode()
    assert "Vergunningverlener" in page and "Controller" not in page
    detail = client.get(reverse("people:vulnerable_post", args=[post(org, "Vergunningverlener").pk]))
    assert detail.status_code == 200 and "Save the checklist" not in detail.content.decode()
    assert client.get(reverse("people:vulnerable_post", args=[post(org, "Controller").pk])).status_code == 404


def test_the_checklist_starts_empty(org, rita, client):
    login(client, rita)
    page = client.get(reverse("people:vulnerable_post", args=[post(org, "Controller").pk])).content.decode()
    import re

    radios = re.findall(r'<input type="radio" name="q_[^"]*"[^>]*>', page)
    assert len(radios) == 12 and not any("checked" in radio for radio in radios)


def test_the_review_is_due_four_years_after_adoption_and_reminded_once(org, rita, personas, run_job, client):
    assess(org, "Controller", rita, money=True, sensitive=True)
    vulnerable.list_adopt(
        organisation=org, adopted_on=dt.date(2022, 3, 1), decision_reference="B&W 2022/4",
        financial_interest_duty=[], by=rita, today=dt.date(2022, 3, 1),
    )  # fmt: skip
    assert run_job(vulnerable.send_review_reminders, dt.date(2026, 2, 28)) == 0
    assert vulnerable.review_of(VulnerablePostList.objects.get(), dt.date(2026, 1, 15)).soon
    assert run_job(vulnerable.send_review_reminders, dt.date(2026, 3, 1)) == 2  # alice and rita
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.invalid", "rita@example.invalid"]
    assert "B&W 2022/4" in mail.outbox[0].body
    assert run_job(vulnerable.send_review_reminders, dt.date(2026, 3, 2)) == 0
    login(client, rita)
    assert "utrecht-alert--warning" in client.get(reverse("people:vulnerable")).content.decode()  # due today
