"""The HR import: all or nothing, each bad row with its line, idempotent, leavers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from open_integriteit.accounts.models import Role
from open_integriteit.audit.models import AuditEvent
from open_integriteit.people.models import ManagerOf, Person, Post, PostHolding, Unit
from open_integriteit.people.services import people_import
from open_integriteit.testing.fixtures import make_user

from .files import ROWS, as_csv, as_xlsx

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def clerk(org):
    return make_user(org, "rita", Role.REGISTER_CLERK)


def run(org, clerk, data, name="hr.csv", dry_run=False, today=TODAY):
    return people_import(organisation=org, by=clerk, file_name=name, data=data, dry_run=dry_run, today=today)


def snapshot(org):
    return (
        sorted(Person.objects.filter(organisation=org).values_list("external_id", "left_on", "user_id", "kind")),
        sorted(
            PostHolding.objects.filter(person__organisation=org).values_list(
                "person_id", "post_id", "started_on", "ended_on"
            )
        ),
        sorted(Unit.objects.filter(organisation=org).values_list("code", "name", "parent__code")),
        sorted(
            Post.objects.filter(organisation=org).values_list("title", "designated", "publication_duty", "salary_scale")
        ),
        sorted(ManagerOf.objects.filter(person__organisation=org).values_list("person__external_id", "unit__code")),
    )


def test_a_correct_file_imports_and_the_same_file_again_changes_nothing(org, clerk):
    result = run(org, clerk, as_csv())
    assert result.errors == []
    assert result.counts["people_created"] == 6
    assert result.counts["units_created"] == 4
    assert result.counts["posts_created"] == 5
    assert Unit.objects.get(organisation=org, code="VTH").parent.code == "OMG"
    heuvel = Person.objects.get(organisation=org, external_id="1001")
    assert (heuvel.given_name, heuvel.surname, heuvel.sort_key) == ("Ilse", "van den Heuvel", "he")
    zwart = Person.objects.get(organisation=org, external_id="9001")
    assert (zwart.kind, zwart.office, zwart.party, zwart.term_end) == (
        "official",
        "executive",
        "Partij A",
        dt.date(2027, 3, 31),
    )
    assert list(heuvel.managed.values_list("unit__code", flat=True)) == ["DIR"]
    before = snapshot(org)
    events = AuditEvent.objects.filter(action="people.import_ran").count()

    again = run(org, clerk, as_csv(), today=TODAY + dt.timedelta(days=30))
    assert again.errors == []
    assert again.changes == 0
    assert snapshot(org) == before
    event = AuditEvent.objects.filter(action="people.import_ran").latest("sequence")
    assert AuditEvent.objects.filter(action="people.import_ran").count() == events + 1
    assert event.details["rows"] == 6 and event.details["people_changed"] == 0


def test_xlsx_and_csv_with_comma_and_no_bom_import_the_same(org, other_org, clerk):
    assert run(org, clerk, as_xlsx(), name="hr.xlsx").errors == []
    other_clerk = make_user(other_org, "otto", Role.REGISTER_CLERK)
    assert run(other_org, other_clerk, as_csv(delimiter=",", bom=False)).errors == []
    assert len(snapshot(org)[0]) == len(snapshot(other_org)[0]) == 6
    assert run(org, clerk, as_csv()).changes == 0


def test_a_file_with_errors_imports_nothing_and_lists_each_bad_row(org, clerk):
    bad = [list(row) for row in ROWS]
    bad[1][2] = ""  # line 3: no surname
    bad[2][4] = "freelancer"  # line 4: unknown kind
    bad[3][0] = "1001"  # line 5: duplicate personnel number
    bad[4][16] = "31-02-2026"  # line 6: not a date
    bad[5][5] = ""  # line 7: an official without an office
    result = run(org, clerk, as_csv(bad))
    lines = sorted({line for line, _message in result.errors})
    assert lines == [3, 4, 5, 6, 7]
    assert any("1001" in message for line, message in result.errors if line == 5)
    assert Person.objects.filter(organisation=org).count() == 0
    assert Unit.objects.filter(organisation=org).count() == 0
    assert not AuditEvent.objects.filter(action="people.import_ran").exists()


def test_errors_across_rows_are_found_before_anything_is_written(org, clerk):
    bad = [list(row) for row in ROWS]
    bad[2][11] = "NOPE"  # line 4: unknown parent
    bad[3][17] = "XYZ"  # line 5: manages an unknown unit
    bad[4][9], bad[4][10] = "NEW", ""  # line 6: a new unit without a name
    result = run(org, clerk, as_csv(bad))
    assert sorted({line for line, _m in result.errors}) == [4, 5, 6]
    assert Person.objects.filter(organisation=org).count() == 0


def test_the_dry_run_reports_but_writes_nothing(org, clerk):
    result = run(org, clerk, as_csv(), dry_run=True)
    assert result.errors == [] and result.counts["people_created"] == 6
    assert Person.objects.filter(organisation=org).count() == 0
    assert not AuditEvent.objects.filter(action="people.import_ran").exists()


def test_a_shortened_file_makes_leavers_and_keeps_their_history(org, clerk):
    run(org, clerk, as_csv())
    result = run(org, clerk, as_csv(ROWS[:4]), today=TODAY + dt.timedelta(days=10))
    assert result.counts["leavers"] == 2
    emma = Person.objects.get(organisation=org, external_id="1005")
    assert emma.left_on == TODAY + dt.timedelta(days=10)
    assert list(emma.holdings.values_list("post__title", "ended_on")) == [("Controller", TODAY + dt.timedelta(days=10))]
    # Back in the file: in service again, a new post entry.
    assert run(org, clerk, as_csv(), today=TODAY + dt.timedelta(days=20)).counts["people_changed"] == 2
    emma.refresh_from_db()
    assert emma.left_on is None and emma.holdings.count() == 2


def test_a_new_post_ends_the_old_one(org, clerk):
    run(org, clerk, as_csv())
    moved = [list(row) for row in ROWS]
    moved[2][12], moved[2][16] = "Senior vergunningverlener", "01-06-2026"
    result = run(org, clerk, as_csv(moved))
    assert result.counts["posts_created"] == 1 and result.counts["posts_started"] == 1
    history = list(
        Person.objects.get(organisation=org, external_id="1003")
        .holdings.order_by("started_on")
        .values_list("post__title", "ended_on")
    )
    assert history == [("Vergunningverlener", dt.date(2026, 6, 1)), ("Senior vergunningverlener", None)]


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("hr.csv", "personeelsnummer;achternaam;soort\r\n1;Jansen;medewerker\r\n".encode("utf-16"), "UTF-8"),
        ("hr.csv", "personeelsnummer;achternaam;soort\r\n1;Jänsen;medewerker\r\n".encode("latin-1"), "UTF-8"),
        ("hr.xlsx", b"PK\x03\x04 not really a zip", "Excel"),
        ("hr.pdf", b"%PDF-1.4", "CSV"),
        ("hr.csv", b"", ""),
    ],
)
def test_odd_files_are_refused_with_a_message(org, clerk, name, data, fragment):
    result = run(org, clerk, data, name=name)
    assert len(result.errors) == 1 and result.errors[0][0] == 0
    assert fragment in result.errors[0][1]


def test_formulas_are_refused(org, clerk):
    rows = [list(row) for row in ROWS]
    rows[0][1] = '=HYPERLINK("http://example.invalid")'
    assert [line for line, _m in run(org, clerk, as_csv(rows)).errors] == [2]
    assert [line for line, _m in run(org, clerk, as_xlsx(rows), name="hr.xlsx").errors] == [2]


def test_too_many_rows_are_refused(org, clerk, monkeypatch):
    from open_integriteit.people import hr_file

    monkeypatch.setattr(hr_file, "MAX_ROWS", 3)
    result = run(org, clerk, as_csv())
    assert result.errors and "3" in result.errors[0][1]


def test_only_the_register_clerk_imports(org, personas):
    for persona in ("alice", "erin", "dave", "mila"):
        with pytest.raises(PermissionDenied):
            run(org, personas[persona], as_csv())


def test_accounts_link_and_move(org, clerk, personas):
    rows = [list(row) for row in ROWS]
    rows[1][18] = "dave"
    run(org, clerk, as_csv(rows))
    assert Person.objects.get(user=personas["dave"]).external_id == "1002"
    rows[1][18], rows[2][18] = "", "dave"
    assert run(org, clerk, as_csv(rows)).errors == []
    assert Person.objects.get(user=personas["dave"]).external_id == "1003"
    rows[2][18] = "grace"  # another organisation's account
    assert [line for line, _m in run(org, clerk, as_csv(rows)).errors] == [4]
