"""Limits on anonymous web submissions: per client and per organisation per hour, with a
clear message that keeps everything typed and says when to send it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from open_integriteit.audit.models import AuditEvent
from open_integriteit.reports.models import Report

pytestmark = pytest.mark.django_db

FORM = {
    "ground": "misstand",
    "what_happened": "Invented: the limit test report",
    "reported_elsewhere": "no",
    "reporter_type": "citizen",
    "anonymity": "anonymous",
}


def submit(org, address: str, **changes):
    """Post the form and follow a success on to the receipt page (post/redirect/get)."""
    return Client().post(
        reverse("reports:public_form", args=[org.slug]), {**FORM, **changes}, REMOTE_ADDR=address, follow=True
    )


def test_one_client_is_stopped_with_its_text_kept_and_a_time_to_try_again(org, settings):
    settings.OI_SUBMISSION_LIMIT_CLIENT = 2
    with time_machine.travel(dt.datetime(2026, 3, 2, 13, 20, tzinfo=dt.UTC), tick=False):
        assert submit(org, "203.0.113.5").status_code == 200
        assert submit(org, "203.0.113.5").status_code == 200
        refused = submit(org, "203.0.113.5", what_happened="Invented: my third report, typed with care")
        assert refused.status_code == 429
        assert refused["Retry-After"] == str(40 * 60)
        page = refused.content.decode()
        assert "Invented: my third report, typed with care" in page  # nothing typed is lost
        assert "15:00" in page  # 14:00 UTC is 15:00 in Amsterdam
        assert 'id="submission-limited"' in page and "vertrouwenspersoon" in page
        assert Report.objects.count() == 2
        assert submit(org, "198.51.100.7").status_code == 200  # another client is not affected
    with time_machine.travel(dt.datetime(2026, 3, 2, 14, 0, 1, tzinfo=dt.UTC), tick=False):
        assert submit(org, "203.0.113.5").status_code == 200
    assert Report.objects.count() == 4


def test_the_organisation_ceiling_stops_everyone_and_is_audited_once(org, other_org, settings):
    settings.OI_SUBMISSION_LIMIT_ORGANISATION = 3
    for n in range(3):
        assert submit(org, f"203.0.113.{n}").status_code == 200
    for n in range(3, 6):
        response = submit(org, f"203.0.113.{n}")
        assert response.status_code == 429
        assert FORM["what_happened"] in response.content.decode()
    assert submit(other_org, "203.0.113.9").status_code == 200  # other organisations are not affected
    events = AuditEvent.objects.filter(action="report.submission_limit_reached")
    assert events.count() == 1
    assert events.get().organisation_id == org.pk and events.get().ip_address is None


def test_an_invalid_form_takes_no_place(org, settings):
    settings.OI_SUBMISSION_LIMIT_CLIENT = 1
    assert submit(org, "203.0.113.5", what_happened="").status_code == 200  # form error
    response = submit(org, "203.0.113.5")
    assert 'data-testid="receipt-code"' in response.content.decode()


def _refuse_reports(cursor, vendor: str) -> None:
    """A database that refuses to store any report (as a full disk or a broken constraint would)."""
    if vendor == "sqlite":
        cursor.execute(
            "CREATE TRIGGER oi_test_refuse BEFORE INSERT ON reports_report BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    else:
        cursor.execute(
            "CREATE FUNCTION oi_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
            "LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER oi_test_refuse BEFORE INSERT ON reports_report "
            "FOR EACH ROW EXECUTE FUNCTION oi_test_refuse()"
        )


def _allow_reports(cursor, vendor: str) -> None:
    cursor.execute("DROP TRIGGER oi_test_refuse" + ("" if vendor == "sqlite" else " ON reports_report"))
    if vendor != "sqlite":
        cursor.execute("DROP FUNCTION oi_test_refuse()")


def test_a_submission_the_database_refuses_takes_no_place(org, settings):
    """The counters are written in the submission's own transaction (ADR 0020): when the
    report cannot be stored, the counts go with it and the reporter can send it again."""
    from django.db import connection

    from open_integriteit.core.models import RateCounter

    settings.OI_SUBMISSION_LIMIT_CLIENT = 1
    settings.OI_SUBMISSION_LIMIT_ORGANISATION = 1
    with connection.cursor() as cursor:
        _refuse_reports(cursor, connection.vendor)
    failed = submit(org, "203.0.113.5")
    assert failed.status_code == 503
    assert Report.objects.count() == 0
    assert not RateCounter.objects.filter(hits__gt=0).exists()
    with connection.cursor() as cursor:
        _allow_reports(cursor, connection.vendor)
    response = submit(org, "203.0.113.5")
    assert 'data-testid="receipt-code"' in response.content.decode()
    assert sorted(RateCounter.objects.values_list("hits", flat=True)) == [1, 1]
