"""Sessions, mandatory trainings, who is behind and the reminders to managers (issue 9).
Personas: alice (coordinator), rita (register clerk), dave (manages OMG and VTH below it),
otto (manages FIN), erin (administrator), frank (auditor), grace (another organisation)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.people.models import Post
from open_integriteit.testing.fixtures import login
from open_integriteit.trainings import reminders, selectors, services
from open_integriteit.trainings.compliance import add_months, statuses
from open_integriteit.trainings.models import ComplianceReminder, Requirement, Scope

from .conftest import TrainingWorld

pytestmark = pytest.mark.django_db


def session(
    tw: TrainingWorld,
    day: dt.date,
    *,
    people: list[str] = (),
    heads: int | None = None,
    kind: str = "dilemmaspel",
    by: str = "alice",
) -> Any:
    return services.session_save(
        organisation=tw.org,
        by=tw.users[by],
        kind=tw.kind(kind),
        date=day,
        title="Dilemma game",
        participants=[tw.person(p) for p in people],
        head_count=heads,
    )


def requirement(tw: TrainingWorld, scope: str, *, months: int | None = 12, **target: Any) -> Requirement:
    return services.requirement_save(
        organisation=tw.org,
        by=tw.users["alice"],
        kind=tw.kind("dilemmaspel"),
        scope=scope,
        period_months=months,
        applies_from=dt.date(2021, 1, 1),
        **target,
    )


def test_a_session_has_participants_or_a_head_count_never_both_nor_neither(tw: TrainingWorld) -> None:
    with pytest.raises(ValidationError) as both:
        session(tw, dt.date(2025, 3, 1), people=["1003"], heads=40)
    assert "niet allebei" in str(both.value.message_dict["head_count"])
    with pytest.raises(ValidationError) as neither:
        session(tw, dt.date(2025, 3, 1))
    assert "head_count" in neither.value.message_dict
    linked = session(tw, dt.date(2025, 3, 1), people=["1003", "1004"])
    assert linked.head_count is None and linked.participations.count() == 2
    counted = session(tw, dt.date(2025, 3, 2), heads=120, by="rita")
    assert counted.head_count == 120 and not counted.participations.exists()
    assert AuditEvent.objects.filter(action="trainings.session_recorded").count() == 2


def test_changing_a_session_from_names_to_a_head_count_drops_the_names(tw: TrainingWorld) -> None:
    linked = session(tw, dt.date(2025, 3, 1), people=["1003", "1004"])
    services.session_save(
        organisation=tw.org, by=tw.users["rita"], session=linked, kind=linked.kind, date=linked.date,
        title="Dilemma game", head_count=30,
    )  # fmt: skip
    linked.refresh_from_db()
    assert linked.head_count == 30 and not linked.participations.exists()


def test_only_the_coordinator_and_the_register_clerk_record(tw: TrainingWorld) -> None:
    for persona in ("dave", "mila", "erin", "frank", "grace"):
        with pytest.raises(PermissionDenied):
            session(tw, dt.date(2025, 3, 1), heads=10, by=persona)
    with pytest.raises(ValidationError):  # a person of another organisation
        services.session_save(
            organisation=tw.org, by=tw.users["alice"], kind=tw.kind("webinar"), date=dt.date(2025, 1, 1),
            title="x", participants=[_person_elsewhere(tw)],
        )  # fmt: skip


def _person_elsewhere(tw: TrainingWorld) -> Any:
    from open_integriteit.people.models import Person

    other = tw.users["grace"].organisation
    return Person.objects.create(organisation=other, external_id="1", kind="employee", surname="Elders")


def test_who_is_under_each_kind_of_requirement(tw: TrainingWorld) -> None:
    day = dt.date(2025, 6, 1)
    controller = Post.objects.get(organisation=tw.org, title="Controller")
    Post.objects.filter(title="Vergunningverlener").update(vulnerable=True)

    def under(req: Requirement) -> set[str]:
        found = statuses(organisation_id=tw.org.pk, on=day, requirements=[req])
        ids = {s.person_id for s in found}
        return {p.external_id for p in tw.org.people.filter(pk__in=ids)}

    assert under(requirement(tw, Scope.POST, post=controller)) == {"1005"}
    assert under(requirement(tw, Scope.UNIT, unit=tw.unit("OMG"))) == {"1002", "1003", "1004"}  # VTH is below OMG
    assert under(requirement(tw, Scope.GROUP, person_kind="intern")) == {"1004"}
    assert under(requirement(tw, Scope.VULNERABLE)) == {"1003"}
    assert under(requirement(tw, Scope.ALL)) == {"1001", "1002", "1003", "1004", "1005"}  # not the official


def test_a_requirement_names_its_target(tw: TrainingWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        requirement(tw, Scope.UNIT)
    assert "unit" in refused.value.message_dict


def test_a_person_complies_within_the_period_and_falls_behind_after_it(tw: TrainingWorld) -> None:
    req = requirement(tw, Scope.UNIT, unit=tw.unit("VTH"), months=12)
    session(tw, dt.date(2024, 6, 15), people=["1003"])

    def complies(day: dt.date) -> dict[str, bool]:
        return {
            tw.org.people.get(pk=s.person_id).external_id: s.complies
            for s in statuses(organisation_id=tw.org.pk, on=day, requirements=[req])
        }

    assert complies(dt.date(2025, 6, 14)) == {"1003": True, "1004": False}
    assert complies(dt.date(2025, 6, 15)) == {"1003": False, "1004": False}  # twelve months later: due again
    once = requirement(tw, Scope.UNIT, unit=tw.unit("VTH"), months=None)
    found = statuses(organisation_id=tw.org.pk, on=dt.date(2030, 1, 1), requirements=[once])
    assert sorted(s.complies for s in found) == [False, True]  # once is enough
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_the_overview_per_unit_and_a_manager_sees_only_their_own_units(tw: TrainingWorld) -> None:
    requirement(tw, Scope.ALL)
    session(tw, dt.date(2025, 1, 10), people=["1003", "1005"])
    on = dt.date(2025, 6, 1)
    (whole,) = selectors.compliance_overview(user=tw.users["rita"], on=on)
    assert (whole.under, whole.behind) == (5, 3)
    rows = {row.unit.code: (row.under, [p.external_id for p in row.behind]) for row in whole.units if row.unit}
    assert rows == {"DIR": (1, ["1001"]), "OMG": (1, ["1002"]), "VTH": (2, ["1004"]), "FIN": (1, [])}
    (daves,) = selectors.compliance_overview(user=tw.users["dave"], on=on)
    assert {row.unit.code for row in daves.units if row.unit} == {"OMG", "VTH"}
    assert (daves.under, daves.behind) == (3, 2)
    (ottos,) = selectors.compliance_overview(user=tw.users["otto"], on=on)
    assert (ottos.under, ottos.behind) == (1, 0)


def test_the_pages_for_the_clerk_and_for_a_manager(tw: TrainingWorld, client: Any) -> None:
    requirement(tw, Scope.UNIT, unit=tw.unit("OMG"))
    login(client, tw.users["dave"])
    page = client.get(reverse("trainings:compliance")).content.decode()
    assert "Youssef Bakker" in page and "Emma Jansen" not in page
    assert client.get(reverse("trainings:sessions")).status_code == 404
    login(client, tw.users["frank"])
    assert client.get(reverse("trainings:compliance")).status_code == 404


def test_recording_a_session_by_searching_and_ticking_people(tw: TrainingWorld, client: Any) -> None:
    login(client, tw.users["rita"])
    url = reverse("trainings:session_new")
    data = {
        "kind": str(tw.kind("workshop").pk),
        "date": "2025-09-09",
        "title": "Workshop",
        "counted_as": "participants",
        "query": "bakker",
        "action": "search",
    }
    found = client.post(url, data).content.decode()
    assert "Youssef Bakker" in found and "Sanne de Wit" not in found
    missing = client.post(url, {**data, "action": "save"}).content.decode()
    assert "vink ten minste één deelnemer aan" in missing
    saved = client.post(url, {**data, "action": "save", "participants": [str(tw.person("1004").pk)]})
    assert saved.status_code == 302
    assert tw.person("1004").training_participations.count() == 1


def test_a_person_search_shows_no_errors_of_the_fields_still_being_filled_in(tw: TrainingWorld, client: Any) -> None:
    login(client, tw.users["rita"])
    url = reverse("trainings:session_new")
    typed = {"title": "Workshop in progress", "audience": "Team Permits", "query": "nobody-like-this"}
    page = client.post(url, {**typed, "action": "search"}).content.decode()
    assert "form-errors" not in page and "utrecht-form-field-error-message" not in page
    assert 'id="found-nobody"' in page and "Niemand gevonden" in page
    assert "utrecht-alert" not in page  # no green box: a plain line under the search field
    assert 'value="Workshop in progress"' in page and 'value="Team Permits"' in page  # nothing typed is lost
    found = client.post(url, {**typed, "query": "bakker", "action": "search"}).content.decode()
    assert "Youssef Bakker" in found and "form-errors" not in found and "Niemand gevonden" not in found


def test_enter_saves_unless_the_search_field_holds_text_not_searched_for(tw: TrainingWorld, client: Any) -> None:
    """Enter submits the form's first, hidden button (action "enter")."""
    login(client, tw.users["rita"])
    url = reverse("trainings:session_new")
    data = {
        "kind": str(tw.kind("workshop").pk),
        "date": "2025-09-09",
        "title": "Workshop",
        "counted_as": "head_count",
        "head_count": "12",
        "action": "enter",
    }
    searching = client.post(url, {**data, "query": "bakker"})
    assert searching.status_code == 200 and "Youssef Bakker" in searching.content.decode()
    saved = client.post(url, {**data, "query": "bakker", "searched_query": "bakker"})
    assert saved.status_code == 302
    refused = client.post(url, {**data, "title": ""})
    assert refused.status_code == 200 and 'id="form-errors"' in refused.content.decode()  # saving: errors shown
    assert selectors.sessions_for_user(user=tw.users["rita"], year=2025)[0].head_count == 12


def test_managers_get_one_reminder_per_person_requirement_and_period(
    tw: TrainingWorld, django_capture_on_commit_callbacks: Any
) -> None:
    requirement(tw, Scope.UNIT, unit=tw.unit("VTH"), months=12)
    session(tw, dt.date(2025, 1, 1), people=["1003"])
    today = dt.date(2025, 6, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_training_reminders(today) == 1  # 1004 is behind; 1003 is up to date
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_training_reminders(today + dt.timedelta(days=1)) == 0  # claimed once
    assert len(mail.outbox) == 1
    (sent,) = mail.outbox
    assert sent.to == ["dave@example.invalid"]  # the manager of OMG, above VTH
    assert "Youssef Bakker" in sent.body and "Dilemmaspel" in sent.body
    # A year after her session Sanne falls due: a new period, one new reminder.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_training_reminders(dt.date(2026, 1, 2)) == 1
    assert ComplianceReminder.objects.count() == 2
    # After the session, nobody is behind and nothing is sent.
    session(tw, dt.date(2026, 1, 3), people=["1003", "1004"])
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_training_reminders(dt.date(2026, 1, 4)) == 0
