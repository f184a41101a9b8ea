"""Search by reference and by words, for exactly the people who may see what is found
(issue 7, ADR 0016): an assigned handler finds the report; an outsider, another
organisation, an implicated colleague and the administrator never do."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from open_integriteit.accounts.models import User
from open_integriteit.audit.models import AuditEvent
from open_integriteit.cases import retention as case_retention
from open_integriteit.cases import services as case_services
from open_integriteit.cases.workflow import State
from open_integriteit.reports import retention as report_retention
from open_integriteit.reports import services as report_services
from open_integriteit.reports.models import Report
from open_integriteit.search import keys, selectors, services, text
from open_integriteit.search.models import SearchToken

pytestmark = pytest.mark.django_db

SECRET_WORDS = "Invented: the façade contractor Bloemkool-Jansen pays the inspector."


@pytest.fixture
def report(make_report: Any, personas: dict[str, User]) -> Report:
    """Bob is assigned; dave was assigned and is implicated."""
    report, _code = make_report(what_happened=SECRET_WORDS)
    alice = personas["alice"]
    report_services.report_assign(report=report, by=alice, user=personas["bob"])
    report_services.report_assign(report=report, by=alice, user=personas["dave"])
    report_services.report_mark_implicated(report=report, by=alice, user=personas["dave"])
    return report


def _found(client: Any, q: str) -> str:
    """The result links on the page (the query itself is echoed in the form, so the page as a
    whole may hold a reference that was searched for but not found)."""
    response = client.get(reverse("search:results"), {"q": q})
    assert response.status_code == 200
    return " ".join(re.findall(r'<td><a class="utrecht-link" href="([^"]+)"', response.content.decode()))


@pytest.mark.parametrize(
    "q",
    ["{ref}", "{ref_lower}", "{ref_prefix}", "facade", "Façade", "bloemkool", "bloemkooljansen", "CONTRACT inspect"],
)
def test_an_assigned_handler_finds_the_report_by_reference_and_by_words(
    report: Report, personas: dict[str, User], client_for: Any, q: str
) -> None:
    query = q.format(ref=report.reference, ref_lower=report.reference.lower(), ref_prefix=report.reference[:5])
    assert report.reference in _found(client_for(personas["bob"]), query)


def test_every_word_of_the_query_must_occur(report: Report, personas: dict[str, User], client_for: Any) -> None:
    page = _found(client_for(personas["bob"]), "facade tulip")
    assert report.reference not in page


@pytest.mark.parametrize("persona", ["carol", "dave", "grace"])
def test_an_unassigned_an_implicated_colleague_and_another_organisation_find_nothing(
    report: Report, personas: dict[str, User], client_for: Any, persona: str
) -> None:
    client = client_for(personas[persona])
    for q in (report.reference, "facade", "bloemkool inspector"):
        page = _found(client, q)
        assert report.reference not in page


@pytest.mark.parametrize("persona", ["erin", "frank", "mila"])
def test_the_administrator_auditor_and_employee_do_not_get_the_page(
    report: Report, personas: dict[str, User], client_for: Any, persona: str
) -> None:
    response = client_for(personas[persona]).get(reverse("search:results"), {"q": report.reference})
    assert response.status_code == 404
    assert selectors.reports_found(user=personas[persona], query=selectors.parse("facade")).count() == 0


def test_a_visitor_without_an_account_is_sent_to_log_in(report: Report, client: Any) -> None:
    response = client.get(reverse("search:results"), {"q": "facade"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_coordinator_finds_it_and_the_search_box_is_in_the_header(
    report: Report, personas: dict[str, User], client_for: Any
) -> None:
    client = client_for(personas["alice"])
    assert report.reference in _found(client, "inspector")
    header = client.get(reverse("accounts:profile")).content.decode()
    assert f'action="{reverse("search:results")}"' in header
    erin_header = client_for(personas["erin"]).get(reverse("accounts:profile")).content.decode()
    assert reverse("search:results") not in erin_header


def test_a_case_is_found_by_its_title_signal_and_notes_only_by_its_team(
    make_case: Any, team: dict[str, User], client_for: Any
) -> None:
    case = make_case(title="Invented tender dossier", signal="Invented signal about a dakkapel")
    case_services.note_add(case=case, by=team["bob"], text="Invented note: the wethouder called.")
    bob, carol = client_for(team["bob"]), client_for(team["carol"])
    for q in (case.reference, "tender", "dakkapel", "wethouder"):
        assert case.reference in _found(bob, q), q
        assert case.reference not in _found(carol, q), q


def test_a_report_in_a_case_follows_the_case(
    make_report: Any, make_case: Any, team: dict[str, User], client_for: Any
) -> None:
    report, _code = make_report(what_happened=SECRET_WORDS)
    make_case(reports=[report], assign=("pat",))
    assert report.reference in _found(client_for(team["pat"]), "bloemkool")
    assert report.reference not in _found(client_for(team["bob"]), "bloemkool")


def test_revised_minutes_are_searchable_at_once(report: Report, personas: dict[str, User], client_for: Any) -> None:
    client = client_for(personas["bob"])
    assert report.reference not in _found(client, "zandzak")
    report_services.minutes_revise(report=report, by=personas["bob"], text="Invented minutes about a zandzak.")
    assert report.reference in _found(client, "zandzak")


def test_the_token_table_holds_no_plaintext(report: Report) -> None:
    table = connection.ops.quote_name(SearchToken._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        rows = cursor.fetchall()
    assert rows
    values = {str(value).lower() for row in rows for value in row}
    assert not values & text.terms(SECRET_WORDS)  # no word or prefix is stored as itself
    raw = " ".join(values)
    for word in ("façade", "contractor", "bloemkool", "jansen", "inspector", "invented"):
        assert word not in raw
    digests = SearchToken.objects.filter(report=report).values_list("digest", flat=True)
    assert all(len(d) == keys.DIGEST_LENGTH and set(d) <= set("0123456789abcdef") for d in digests)


def test_tokens_are_stored_in_digest_order_not_word_order(report: Report) -> None:
    digests = list(SearchToken.objects.filter(report=report).order_by("pk").values_list("digest", flat=True))
    assert digests == sorted(digests)


def test_a_long_report_is_indexed_in_several_statements_with_every_term_once_in_digest_order(
    make_report: Any, personas: dict[str, User]
) -> None:
    # 120 words of about 10 terms each (the word and its prefixes): more than one INSERT batch
    words = " ".join(f"{chr(97 + n % 26)}{chr(97 + n // 26)}kwartaal{n}" for n in range(120))
    long_report, _code = make_report(what_happened=words)
    expected = services._tokens(
        organisation_id=long_report.organisation_id, texts=services.report_text(long_report), owner={}
    )
    assert len(expected) > services.INSERT_BATCH
    stored = list(
        SearchToken.objects.filter(report=long_report).order_by("pk").values_list("key_id", "digest", "case_id")
    )
    assert stored == [(token.key_id, token.digest, None) for token in expected]
    found = selectors.reports_found(user=personas["alice"], query=selectors.parse("cdkwartaal"))
    assert list(found.values_list("pk", flat=True)) == [long_report.pk]
    assert services.index_report(report=long_report) == len(expected)  # again: replaced, not added
    assert SearchToken.objects.filter(report=long_report).count() == len(expected)


def test_the_same_word_gives_unrelated_tokens_in_another_organisation(
    make_report: Any, other_org: Any, report: Report
) -> None:
    other, _code = make_report(organisation=other_org, what_happened=SECRET_WORDS)
    ours = set(SearchToken.objects.filter(report=report).values_list("digest", flat=True))
    theirs = set(SearchToken.objects.filter(report=other).values_list("digest", flat=True))
    assert ours and theirs and not ours & theirs


def test_retention_destruction_of_a_report_leaves_no_tokens(report: Report) -> None:
    assert SearchToken.objects.filter(report=report).exists()
    later = timezone.now() + dt.timedelta(days=365 * 20)
    assert report_retention.destroy_if_due(report, later)
    assert not SearchToken.objects.filter(report=report).exists()


def test_retention_destruction_of_a_case_leaves_no_tokens_of_it_or_its_reports(
    make_report: Any, make_case: Any, team: dict[str, User]
) -> None:
    report, _code = make_report(what_happened=SECRET_WORDS)
    case = make_case(reports=[report], state=State.CLOSED)
    assert SearchToken.objects.filter(case=case).exists()
    assert SearchToken.objects.filter(report=report).exists()
    assert case_retention.case_destroy(case=case)
    assert not SearchToken.objects.filter(case=case).exists()
    assert not SearchToken.objects.filter(report=report).exists()
    services.rebuild()  # a rebuild does not bring destroyed content back
    assert not SearchToken.objects.filter(case=case).exists()
    assert not SearchToken.objects.filter(report=report).exists()


def test_a_search_is_audited_without_the_words(report: Report, personas: dict[str, User], client_for: Any) -> None:
    _found(client_for(personas["bob"]), "bloemkool inspector")
    event = AuditEvent.objects.filter(action="search.performed").get()
    assert event.actor_id == personas["bob"].pk
    assert event.details == {"words": 2, "reference": False, "reports": 1, "cases": 0}
    assert "bloemkool" not in str(event.__dict__).lower()


def test_key_rotation_search_keeps_working_and_the_rebuild_moves_every_token(
    settings: Any, report: Report, personas: dict[str, User]
) -> None:
    old = settings.OI_ACTIVE_KEY_ID
    new = next(k for k in settings.OI_ENCRYPTION_KEYS.split(",") if not k.startswith(f"{old}:")).split(":")[0]
    settings.OI_ACTIVE_KEY_ID = new
    bob = personas["bob"]
    found = selectors.reports_found(user=bob, query=selectors.parse("bloemkool")).values_list("pk", flat=True)
    assert list(found) == [report.pk]  # tokens under the old key are still found
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(SearchToken.objects.values_list("key_id", flat=True)) == {new}
    settings.OI_ENCRYPTION_KEYS = ",".join(k for k in settings.OI_ENCRYPTION_KEYS.split(",") if k.startswith(f"{new}:"))
    assert list(found.all()) == [report.pk]  # and under the new key only
    assert AuditEvent.objects.filter(action="search.index_rebuilt").exists()


def test_the_number_of_queries_does_not_grow_with_the_results(
    make_report: Any, personas: dict[str, User], client_for: Any
) -> None:
    client = client_for(personas["alice"])
    make_report(what_happened="Invented: one aubergine.")
    _found(client, "aubergine")  # warm up the session and caches
    with CaptureQueriesContext(connection) as one:
        _found(client, "aubergine")
    for _ in range(30):
        make_report(what_happened="Invented: another aubergine.")
    with CaptureQueriesContext(connection) as many:
        page = _found(client, "aubergine")
    assert page.count("/medewerkers/meldingen/M-") == selectors.PER_PAGE
    assert len(many) == len(one)


def test_reports_are_paged(make_report: Any, personas: dict[str, User], client_for: Any) -> None:
    for _ in range(selectors.PER_PAGE + 1):
        make_report(what_happened="Invented: a courgette.")
    client = client_for(personas["alice"])
    first = client.get(reverse("search:results"), {"q": "courgette"}).content.decode()
    assert "reports_page=2" in first
    second = client.get(reverse("search:results"), {"q": "courgette", "reports_page": 2}).content.decode()
    assert second.count('href="/medewerkers/meldingen/M-') == 1


def test_an_unusable_query_finds_nothing_and_logs_nothing(
    report: Report, personas: dict[str, User], client_for: Any
) -> None:
    page = _found(client_for(personas["alice"]), "a ?")
    assert report.reference not in page
    assert not AuditEvent.objects.filter(action="search.performed").exists()


def test_counting_stops_at_the_cap(
    make_report: Any, personas: dict[str, User], client_for: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(selectors, "MAX_RESULTS", 3)
    for _ in range(5):
        make_report(what_happened="Invented: a pompoen.")
    page = client_for(personas["alice"]).get(reverse("search:results"), {"q": "pompoen"}).content.decode()
    assert "(meer dan 3)" in page
    assert page.count('href="/medewerkers/meldingen/M-') == 3


@pytest.mark.parametrize(
    ("typed", "reference", "terms"),
    [
        ("M-4K2P9QXA", "M-4K2P9QXA", []),
        (" m-4k2 ", "M-4K2", []),
        ("M4K2P9QXA", "M-4K2P9QXA", []),
        ("z-o1l", "Z-011", []),
        ("zandzak", "", ["zandzak"]),
        ("Mededelingen", "", ["mededelingen"]),
        ("M-4K", "", ["m4k"]),
    ],
)
def test_what_is_read_as_a_reference(typed: str, reference: str, terms: list[str]) -> None:
    query = selectors.parse(typed)
    assert (query.reference, query.terms) == (reference, terms)
