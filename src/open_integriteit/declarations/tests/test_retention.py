"""Declarations go with the person (ADR 0021): the people register's retention (default two
years after leaving, per organisation, ``people.leaver``) removes a leaver with every
declaration, its history of decisions and every "nothing to declare"; nothing of them is
left in the raw database afterwards. The declarations of people still in service stay."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from open_integriteit.declarations import services
from open_integriteit.declarations.models import Declaration, DeclarationEvent, Kind, NilReturn
from open_integriteit.declarations.workflow import State
from open_integriteit.people.models import Person
from open_integriteit.people.services import people_import
from open_integriteit.retention.registry import ends_at
from open_integriteit.retention.tasks import retention_run
from open_integriteit.testing.raw_storage import raw_ciphertexts, raw_database_bytes

from .factories import ROWS, build_declaration_world, declare, hr_file

START = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
LEFT_ON = dt.date(2024, 3, 31)


@pytest.mark.django_db(transaction=True)
def test_a_leavers_declarations_events_and_answers_are_gone_after_the_retention_period(
    settings, tmp_path, org, personas
):
    settings.VAR_DIR = tmp_path  # the retention lock file (SQLite)
    with time_machine.travel(START, tick=True):
        world = build_declaration_world(org, personas)
        leaver = world.person("fenna")
        gone = [
            declare(world, "fenna", Kind.SIDE_JOB, state=State.RESTRICTED, body="Invented LEAVERMARKER body"),
            declare(world, "fenna", Kind.FINANCIAL_INTEREST, description="Invented LEAVERMARKER shares"),
            declare(world, "fenna", Kind.GIFT, state=State.DRAFT, giver="Invented LEAVERMARKER giver"),
        ]
        services.nil_return_record(by=world.users["fenna"], kind=Kind.GIFT, answer="nothing_to_declare")
        kept = declare(world, "mila", Kind.SIDE_JOB, state=State.APPROVED, body="Invented STAYERMARKER body")
        rows = [row for row in ROWS if row[0] != "2005"]
        people_import(
            organisation=org, by=world.users["rita"], file_name="hr.csv", data=hr_file(rows), dry_run=False,
            today=LEFT_ON,
        )  # fmt: skip
    leaver.refresh_from_db()
    assert leaver.left_on == LEFT_ON
    pks = [d.pk for d in gone]
    event_pks = list(DeclarationEvent.objects.filter(declaration_id__in=pks).values_list("pk", flat=True))
    assert len(event_pks) == 3  # two submissions and a decision with its reason
    secrets = raw_ciphertexts(Declaration, pks) + raw_ciphertexts(DeclarationEvent, event_pks)
    secrets = [s for s in secrets if s]
    kept_secrets = raw_ciphertexts(Declaration, [kept.pk])
    backup = raw_database_bytes()
    assert all(s.encode() in backup for s in secrets)

    end = ends_at(timezone.make_aware(dt.datetime.combine(LEFT_ON, dt.time.min)), 24)
    with time_machine.travel(end - dt.timedelta(days=1), tick=False):
        retention_run()
    assert Declaration.objects.filter(pk__in=pks).count() == 3, "nothing destroyed before its time"
    with time_machine.travel(end + dt.timedelta(hours=1), tick=False):
        retention_run()

    assert not Person.objects.filter(pk=leaver.pk).exists()
    assert not Declaration.objects.filter(pk__in=pks).exists()
    assert not DeclarationEvent.objects.filter(pk__in=event_pks).exists()
    assert not NilReturn.objects.filter(person_id=leaver.pk).exists()
    assert Declaration.objects.filter(pk=kept.pk).exists()
    backup = raw_database_bytes(checkpoint=False)  # as the product's own compaction left it
    assert not [s for s in secrets if s.encode() in backup], "a leaver's declaration is left in the database"
    assert all(s.encode() in backup for s in kept_secrets if s)
