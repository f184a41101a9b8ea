"""The signed chain head leaves the database: a line in the log every hour, a mail to the
auditors every day. ``verify_audit --published`` then sees events removed later, even
where the database alone no longer shows it."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command

from open_integriteit.audit import chain, tasks
from open_integriteit.audit.models import AuditEvent, ChainHead
from open_integriteit.audit.services import audit_log

from . import attacker

pytestmark = pytest.mark.django_db


def test_the_hourly_line_goes_to_the_log_and_verifies(personas, caplog, capsys):
    with caplog.at_level(logging.INFO, logger="open_integriteit.audit.tasks"):
        line = tasks.chain_head_log()
    assert line in caplog.text
    head = chain.parse_published(line)
    assert head.sequence == AuditEvent.objects.count()
    call_command("verify_audit", published=[line])
    assert "1 published heads found in the chain" in capsys.readouterr().out


def test_emptying_the_trail_and_its_head_is_seen_only_with_a_published_line(personas, tmp_path):
    line = tasks.chain_head_log()
    attacker.sql("DELETE FROM audit_auditevent")
    attacker.sql("DELETE FROM audit_chainhead")
    call_command("verify_audit")  # the database alone cannot tell an empty installation
    with pytest.raises(CommandError, match=r"names event #\d+, but the chain ends at #0: events were removed"):
        call_command("verify_audit", published=[line])
    log = tmp_path / "worker.log"
    log.write_text(f"INFO 2026 {line}\nother line\n", encoding="utf-8")
    with pytest.raises(CommandError, match="events were removed"):
        call_command("verify_audit", published_file=[str(log)])


def test_a_chain_rewritten_even_with_the_key_differs_from_the_published_head(personas):
    line = tasks.chain_head_log()
    published = chain.parse_published(line)
    _key_id, key = chain.active_key()
    attacker.rewrite_chain(start=3, drop_first=True, key=key, key_id=_key_id)
    call_command("verify_audit")  # whoever holds the key can rebuild a consistent chain …
    with pytest.raises(CommandError, match="published"):  # … but not the lines kept outside
        call_command("verify_audit", published=[line])
    assert published.sequence > AuditEvent.objects.count() - 1


def test_a_forged_published_line_is_refused(personas):
    line = tasks.chain_head_log()
    forged = line.replace("sequence=", "sequence=9")
    with pytest.raises(CommandError, match="does not match: not our line"):
        call_command("verify_audit", published=[forged])


def test_the_daily_mail_tells_each_organisations_auditors_without_content(personas, make_report):
    make_report()
    sent = tasks.chain_check_mail()
    assert sent == 1 and mail.outbox[0].to == [personas["frank"].email]
    body = mail.outbox[0].body
    line = next(text for text in body.splitlines() if text.startswith(chain.PUBLISHED_PREFIX))
    call_command("verify_audit", published=[line])
    assert "supplier" not in body and "Provincie Testland" not in body
    event = AuditEvent.objects.get(action="audit.check_mailed")
    assert event.organisation_id == personas["frank"].organisation_id
    assert event.details["intact"] is True and event.details["recipients"] == 1


def test_the_daily_mail_reports_a_broken_trail(personas):
    victim = AuditEvent.objects.order_by("sequence")[2]
    attacker.sql("UPDATE audit_auditevent SET action = 'report.viewed' WHERE id = %s", [victim.pk])
    tasks.chain_check_mail()
    assert f"#{victim.sequence}" in mail.outbox[0].body
    assert chain.PUBLISHED_PREFIX not in mail.outbox[0].body


def test_an_unkeyed_chain_from_before_the_key_is_sealed_and_stays_verifiable(db, capsys):
    """Events written before the audit key existed keep their plain SHA-256; the migration
    adds one keyed event and signs the head, after which they cannot be rewritten."""
    audit_log(action="account.login", channel="system")
    audit_log(action="account.logout", channel="system")
    last = attacker.rewrite_chain(start=1, drop_first=False, key=None)  # as an old installation wrote them
    assert attacker.head_row()[3] == ""
    seal = importlib.import_module("open_integriteit.audit.migrations.0005_seal_unkeyed_chain").seal
    seal(apps, None)
    keyed = AuditEvent.objects.get(action="audit.chain_keyed")
    assert keyed.sequence == last + 1 and keyed.details == {"unkeyed_events": last}
    audit_log(action="account.login", channel="system")
    call_command("verify_audit")
    assert f"{last + 2} events verified" in capsys.readouterr().out
    assert ChainHead.objects.get().mac
    # Rewriting the old part again without the key is seen.
    attacker.rewrite_chain(start=1, drop_first=True, key=None)
    with pytest.raises(CommandError, match="signature does not match"):
        call_command("verify_audit")
