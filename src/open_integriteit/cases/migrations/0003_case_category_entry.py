"""Step 1 of moving categories into the per-organisation lists (ADR 0010): a column for the
new reference. ``reports.0003`` fills it; ``0004`` replaces the old column with it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_schedules"), ("lists", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="category_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="lists.listentry",
            ),
        ),
    ]
