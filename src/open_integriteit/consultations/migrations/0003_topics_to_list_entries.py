"""Move the contact log's topics into the per-organisation lists (ADR 0010), keeping every
contact and year total pointing at the same topic: each ``Topic`` becomes a ``ListEntry``
of kind "consultations.topic" with the same code, names, position and in-use flag.
``0004`` then replaces the old columns. Going back is not supported with data."""

import django.db.models.deletion
from django.db import migrations, models

KIND = "consultations.topic"


def forward(apps, schema_editor):
    Topic = apps.get_model("consultations", "Topic")
    ListEntry = apps.get_model("lists", "ListEntry")
    Contact = apps.get_model("consultations", "Contact")
    YearTotal = apps.get_model("consultations", "YearTotal")
    for topic in Topic.objects.order_by("organisation_id", "position", "pk"):
        entry = ListEntry.objects.create(
            organisation_id=topic.organisation_id,
            kind=KIND,
            group="",
            code=topic.code,  # already unique per organisation
            name_nl=topic.name_nl,
            name_en=topic.name_en,
            position=topic.position,
            active=topic.active,
        )
        Contact.objects.filter(topic_id=topic.pk).update(topic_entry_id=entry.pk)
        YearTotal.objects.filter(topic_id=topic.pk).update(topic_entry_id=entry.pk)


def _entry_field():
    return models.ForeignKey(
        null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="lists.listentry"
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_seed_default_topics"), ("lists", "0001_initial")]

    operations = [
        migrations.AddField(model_name="contact", name="topic_entry", field=_entry_field()),
        migrations.AddField(model_name="yeartotal", name="topic_entry", field=_entry_field()),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
