"""The audit trail is append-only and hash-chained; verify_audit names the first broken link."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from open_integriteit.audit.models import AppendOnlyError, AuditEvent
from open_integriteit.audit.services import audit_log
from open_integriteit.core.demo import load_demo

pytestmark = pytest.mark.django_db


def _tamper(sql: str, params: list) -> None:
    """What an attacker with database access does: disable the guard, then edit."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
        else:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")
        cursor.execute(sql, params)


def test_verify_audit_passes_on_fresh_demo(capsys):
    load_demo()
    assert AuditEvent.objects.count() > 20
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_verify_audit_fails_naming_the_event_after_a_row_is_altered():
    load_demo()
    victim = AuditEvent.objects.order_by("sequence")[10]
    _tamper("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["report.nothing_to_see", victim.pk])
    with pytest.raises(CommandError, match=rf"event #{victim.sequence} \(id {victim.pk}\)"):
        call_command("verify_audit")


def test_verify_audit_detects_a_deleted_row_and_a_cut_off_end():
    load_demo()
    events = list(AuditEvent.objects.order_by("sequence"))
    middle = events[5]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [middle.pk])
    with pytest.raises(CommandError, match=rf"#{middle.sequence + 1}"):
        call_command("verify_audit")


def test_verify_audit_detects_removed_last_events():
    load_demo()
    last = AuditEvent.objects.order_by("-sequence").first()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_change")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="removed at the end"):
        call_command("verify_audit")


def test_the_product_cannot_change_or_delete_events():
    event = audit_log(action="test.event", channel="system")
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_updates_of_events():
    event = audit_log(action="test.event", channel="system")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


def test_details_hold_primitives_only():
    with pytest.raises(TypeError):
        audit_log(action="test.event", channel="system", details={"content": ["a", "list"]})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        audit_log(action="test.event", channel="system", details={"text": "x" * 500})


def test_reporter_events_carry_no_address(rf, make_report):
    report, _code = make_report()
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    event = audit_log(action="report.viewed", channel="reporter", target=report, request=request)
    assert event.ip_address is None
    staff = audit_log(action="report.viewed", channel="staff", target=report, request=request)
    assert staff.ip_address == "203.0.113.9"
