"""Contacts and year totals now point at the list entries ``0003`` filled in; the old topic
table goes (ADR 0010)."""

import django.db.models.deletion
from django.db import migrations, models


def _topic_field():
    return models.ForeignKey(
        limit_choices_to={"kind": "consultations.topic"},
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="lists.listentry",
        verbose_name="topic",
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_topics_to_list_entries")]

    operations = [
        migrations.RemoveConstraint(model_name="yeartotal", name="unique_consultation_year_total"),
        migrations.RemoveField(model_name="contact", name="topic"),
        migrations.RemoveField(model_name="yeartotal", name="topic"),
        migrations.RenameField(model_name="contact", old_name="topic_entry", new_name="topic"),
        migrations.RenameField(model_name="yeartotal", old_name="topic_entry", new_name="topic"),
        migrations.AlterField(model_name="contact", name="topic", field=_topic_field()),
        migrations.AlterField(model_name="yeartotal", name="topic", field=_topic_field()),
        migrations.AddConstraint(
            model_name="yeartotal",
            constraint=models.UniqueConstraint(fields=("adviser", "year", "topic"), name="unique_consultation_year_total"),
        ),
        migrations.DeleteModel(name="Topic"),
    ]
