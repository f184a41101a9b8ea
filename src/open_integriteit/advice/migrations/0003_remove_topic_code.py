"""Advice requests now point at the topic entries ``0002`` filled in (ADR 0010)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("advice", "0002_topics_to_list_entries")]

    operations = [
        migrations.RemoveField(model_name="advicerequest", name="topic"),
        migrations.RenameField(model_name="advicerequest", old_name="topic_entry", new_name="topic"),
        migrations.AlterField(
            model_name="advicerequest",
            name="topic",
            field=models.ForeignKey(
                limit_choices_to={"kind": "advice.topic"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="lists.listentry",
                verbose_name="topic",
            ),
        ),
    ]
