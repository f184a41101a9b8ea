"""Step 3 of moving categories into the per-organisation lists (ADR 0010): the case's
category is now the list entry ``reports.0003`` filled in."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_case_category_entry"), ("reports", "0003_categories_to_list_entries")]

    operations = [
        migrations.RemoveField(model_name="case", name="category"),
        migrations.RenameField(model_name="case", old_name="category_entry", new_name="category"),
        migrations.AlterField(
            model_name="case",
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
    ]
