"""The audit trail is append-only and chained with keyed hashes; verify_audit names the
first broken link and notices events removed at the end, all of them, or from the middle."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from open_integriteit.audit import chain
from open_integriteit.audit.models import AppendOnlyError, AuditEvent
from open_integriteit.audit.services import audit_log
from open_integriteit.core.demo import load_demo

from . import attacker

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> list[AuditEvent]:
    load_demo()
    events = list(AuditEvent.objects.order_by("sequence"))
    assert len(events) > 20
    return events


def _verify_fails(match: str) -> None:
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit")


def test_verify_audit_passes_on_fresh_demo(demo, capsys):
    call_command("verify_audit")
    assert f"Audit trail intact: {len(demo)} events verified; head #{len(demo)}." in capsys.readouterr().out


def test_every_event_is_keyed_with_the_audit_key(demo):
    key_id, _key = chain.active_key()
    assert {event.key_id for event in demo} == {key_id}
    _sequence, _hash, head_key_id, mac = attacker.head_row()
    assert head_key_id == key_id and len(mac) == 64


def test_verify_audit_fails_naming_the_event_after_a_row_is_altered(demo):
    victim = demo[10]
    attacker.sql("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["report.viewed", victim.pk])
    _verify_fails(rf"event #{victim.sequence} \(id {victim.pk}\): content does not match its hash")


def test_deleting_the_last_events_and_lowering_the_head_is_detected(demo):
    """Attack 1: cut off the end and move the head back to the new last event."""
    keep = demo[-4]
    attacker.sql("DELETE FROM audit_auditevent WHERE sequence > %s", [keep.sequence])
    _verify_fails(rf"head names event #{demo[-1].sequence} but the chain ends at #{keep.sequence}")
    attacker.set_head(keep.sequence, keep.hash)
    _verify_fails("signature does not match")
    # Copying a signature from elsewhere does not help either: it signs another head.
    attacker.set_head(keep.sequence, keep.hash, mac=demo[-1].hash)
    _verify_fails("signature does not match")


def test_deleting_every_event_is_detected(demo):
    """Attack 2: empty the table, with or without resetting the head."""
    attacker.sql("DELETE FROM audit_auditevent")
    _verify_fails(rf"head names event #{len(demo)} but the chain ends at #0")
    attacker.set_head(0, chain.GENESIS_HASH)
    _verify_fails("signature does not match")


def test_removing_a_middle_event_and_reinserting_the_later_ones_is_detected(demo):
    """Attack 3: remove one event and rebuild the rest of the chain without the key, with
    the old unkeyed hash or with a key of the attacker's own."""
    victim = demo[7]
    attacker.rewrite_chain(start=victim.sequence, drop_first=True, key=attacker.ATTACKER_KEY, key_id="ta1")
    _verify_fails(rf"event #{victim.sequence} \(id \d+\): content does not match its hash")


def test_removing_a_middle_event_with_a_downgrade_to_unkeyed_hashes_is_detected(demo):
    victim = demo[7]
    attacker.rewrite_chain(start=victim.sequence, drop_first=True, key=None)
    _verify_fails(rf"event #{victim.sequence} \(id \d+\): unkeyed event after the chain was keyed")


def test_a_whole_chain_rewritten_without_the_key_is_detected(demo):
    """Recomputed from the first event with the published algorithm: every hash, every link
    and the head agree with each other, but the head's signature needs the key."""
    attacker.rewrite_chain(start=1, drop_first=True, key=None)
    _verify_fails("the chain head's signature does not match")
    attacker.rewrite_chain(start=1, drop_first=False, key=attacker.ATTACKER_KEY, key_id="ta1")
    _verify_fails(r"event #1 \(id \d+\): content does not match its hash")


def test_an_event_signed_with_an_unknown_key_is_named(demo, settings):
    settings.OI_AUDIT_KEY = "other:" + "A" * 43 + "="
    _verify_fails(r"event #1 \(id \d+\): signed with audit key 'ta1'")


def test_a_rotated_audit_key_still_verifies_older_events(demo, settings, capsys):
    old = settings.OI_AUDIT_KEY
    settings.OI_AUDIT_KEY = "ta2:" + "B" * 43 + "="
    settings.OI_AUDIT_PREVIOUS_KEYS = old
    event = audit_log(action="account.login", channel="system")
    assert event.key_id == "ta2"
    call_command("verify_audit")
    assert f"{len(demo) + 1} events verified" in capsys.readouterr().out
    settings.OI_AUDIT_PREVIOUS_KEYS = ""
    _verify_fails(r"event #1 \(id \d+\): signed with audit key 'ta1'")


def test_the_product_cannot_change_or_delete_events():
    event = audit_log(action="account.login", channel="system")
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'x'",
        "DELETE FROM audit_auditevent",
        "DELETE FROM audit_auditevent WHERE id = (SELECT MAX(id) FROM audit_auditevent)",
    ],
)
def test_the_database_refuses_updates_and_deletes_of_events_on_sqlite_and_postgresql(statement):
    audit_log(action="account.login", channel="system")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 1


def test_postgresql_refuses_truncate_of_events():
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    audit_log(action="account.login", channel="system")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 1


def test_the_test_harness_flush_keeps_the_guards_in_place():
    """The test settings' backends lift the guards for the flush only, and restore them."""
    audit_log(action="account.login", channel="system")
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), ["audit_auditevent"]))
    assert AuditEvent.objects.count() == 0
    audit_log(action="account.login", channel="system")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")


def no_style():
    from django.core.management.color import no_style as style

    return style()


def test_details_hold_primitives_only():
    with pytest.raises(TypeError):
        audit_log(action="account.login", channel="system", details={"content": ["a", "list"]})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        audit_log(action="account.login", channel="system", details={"text": "x" * 500})


def test_reporter_events_carry_no_address(rf, make_report):
    report, _code = make_report()
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    event = audit_log(action="report.viewed", channel="reporter", target=report, request=request)
    assert event.ip_address is None
    staff = audit_log(action="report.viewed", channel="staff", target=report, request=request)
    assert staff.ip_address == "203.0.113.9"


@pytest.mark.parametrize("value", ["", "no-colon", "a1:c2hvcnQ=", "a1:" + "A" * 43 + "=,a2:" + "B" * 43 + "="])
def test_start_up_refuses_a_missing_or_bad_audit_key(settings, value):
    from open_integriteit.audit.checks import check_audit_key

    settings.OI_AUDIT_KEY = value
    assert [error.id for error in check_audit_key()] == ["oi.E004"]
