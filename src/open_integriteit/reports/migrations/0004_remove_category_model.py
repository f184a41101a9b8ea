"""Last step of moving categories into the per-organisation lists (ADR 0010): the report's
category is now the list entry ``0003`` filled in, and the old table goes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_categories_to_list_entries"), ("cases", "0004_case_category_list_entry")]

    operations = [
        migrations.RemoveField(model_name="report", name="category"),
        migrations.RenameField(model_name="report", old_name="category_entry", new_name="category"),
        migrations.AlterField(
            model_name="report",
            name="category",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "reports.category"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="lists.listentry",
                verbose_name="category",
            ),
        ),
        migrations.DeleteModel(name="Category"),
    ]
