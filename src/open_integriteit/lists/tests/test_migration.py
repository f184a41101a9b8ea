"""The data migrations into ``lists.ListEntry`` keep every row and every reference: reports,
cases, contacts, year totals and advice requests point at the same category or topic after
migrating forward, and one standard typology stays in use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("organisations", "0001_initial"),
    ("reports", "0002_reminder_schedule"),
    ("cases", "0002_schedules"),
    ("consultations", "0002_seed_default_topics"),
    ("advice", "0001_initial"),
    ("lists", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_existing_categories_and_topics_keep_their_references():
    try:
        old = migrate(BEFORE)
        Organisation = old.get_model("organisations", "Organisation")
        Category = old.get_model("reports", "Category")
        province = Organisation.objects.create(name="Provincie Oudland", slug="provincie-oudland")
        other = Organisation.objects.create(name="Stichting Elders", slug="stichting-elders")
        cat = {}
        for org in (province, other):
            for scheme, code, name in [
                ("bios", "ongewenste-omgangsvormen", "Ongewenste omgangsvormen"),
                ("bios", "giften", "Giften"),
                ("central_government", "ongewenste-omgangsvormen", "Ongewenste omgangsvormen"),
                ("central_government", "geschenken", "Geschenken en uitnodigingen"),
                ("custom", "giften", "Giften (eigen)"),
            ]:
                cat[org.slug, scheme, code] = Category.objects.create(
                    organisation=org, scheme=scheme, code=code, name_nl=name, name_en=name, position=1
                )
        Report = old.get_model("reports", "Report")
        now = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
        common = {"ground": "other", "reporter_type": "employee", "anonymity": "anonymous", "received_at": now}
        report = Report.objects.create(
            organisation=province,
            reference="M-OLD1",
            category=cat["provincie-oudland", "central_government", "ongewenste-omgangsvormen"],
            **common,
        )
        other_report = Report.objects.create(
            organisation=other, reference="M-OLD2", category=cat["stichting-elders", "bios", "giften"], **common
        )
        Case = old.get_model("cases", "Case")
        case = Case.objects.create(
            organisation=province, reference="Z-OLD1", origin="signal", ground="other",
            category=cat["provincie-oudland", "custom", "giften"],
        )  # fmt: skip
        Topic = old.get_model("consultations", "Topic")
        Adviser = old.get_model("consultations", "Adviser")
        topic = Topic.objects.create(organisation=province, code="eigen", name_nl="Eigen", name_en="Own", position=9)
        adviser = Adviser.objects.create(organisation=province, kind="external", display_name="Bureau")
        contact = old.get_model("consultations", "Contact").objects.create(
            organisation=province, adviser=adviser, date=dt.date(2024, 1, 2), topic=topic
        )
        total = old.get_model("consultations", "YearTotal").objects.create(
            organisation=province, adviser=adviser, year=2024, topic=topic, contacts=1, conversations=1
        )
        User = old.get_model("accounts", "User")
        alice = User.objects.create(username="old-alice", organisation=province)
        advice = old.get_model("advice", "AdviceRequest").objects.create(
            organisation=province, date=dt.date(2024, 2, 3), received_via="hr", topic="side_jobs",
            question="q", advice="a", anonymised_summary="s", registered_by=alice,
        )  # fmt: skip

        new = migrate(latest())
        ListEntry = new.get_model("lists", "ListEntry")
        assert new.get_model("organisations", "Organisation").objects.get(pk=province.pk).kind == "province"
        assert new.get_model("organisations", "Organisation").objects.get(pk=other.pk).kind == "other"

        entry = new.get_model("reports", "Report").objects.get(pk=report.pk).category
        assert (entry.kind, entry.group, entry.code, entry.name_nl) == (
            "reports.category", "central_government", "ongewenste-omgangsvormen-rijk", "Ongewenste omgangsvormen",
        )  # fmt: skip
        entry = new.get_model("cases", "Case").objects.get(pk=case.pk).category
        assert (entry.group, entry.code, entry.name_nl) == ("custom", "giften-2", "Giften (eigen)")
        entry = new.get_model("reports", "Report").objects.get(pk=other_report.pk).category
        assert (entry.organisation_id, entry.group, entry.code) == (other.pk, "bios", "giften")
        assert ListEntry.objects.filter(kind="reports.category").count() == 10  # every row kept

        # The province uses the central-government typology (its one report does): it stays
        # in use and BIOS is switched off; the other organisation uses BIOS.
        def in_use(org):
            qs = ListEntry.objects.filter(organisation_id=org.pk, kind="reports.category", active=True)
            return set(qs.values_list("group", flat=True))

        assert in_use(province) == {"central_government", "custom"}
        assert in_use(other) == {"bios", "custom"}

        for model, pk in (("Contact", contact.pk), ("YearTotal", total.pk)):
            entry = new.get_model("consultations", model).objects.get(pk=pk).topic
            assert (entry.kind, entry.code, entry.name_nl, entry.position) == (
                "consultations.topic",
                "eigen",
                "Eigen",
                9,
            )
        entry = new.get_model("advice", "AdviceRequest").objects.get(pk=advice.pk).topic
        assert (entry.kind, entry.code, entry.name_nl) == ("advice.topic", "side_jobs", "Nevenwerkzaamheden")
        assert ListEntry.objects.filter(organisation_id=other.pk, kind="advice.topic").count() == 7
    finally:
        migrate(latest())
