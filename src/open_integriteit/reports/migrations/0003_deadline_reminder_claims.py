"""Deadline reminders become claim-once reminders (core/reminders.py).

Existing rows were claimed and their one delivery was attempted: ``attempts`` = 1, so they
are never sent again (the old at-most-once rule).
"""

from django.db import migrations, models


def attempted(apps, schema_editor):
    apps.get_model("reports", "DeadlineReminder").objects.update(attempts=1)


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_report_closure_and_retention")]

    operations = [
        migrations.RenameField(model_name="deadlinereminder", old_name="created_at", new_name="claimed_at"),
        migrations.AddField(
            model_name="deadlinereminder", name="attempts", field=models.PositiveSmallIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="deadlinereminder", name="failed_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.RunPython(attempted, migrations.RunPython.noop),
    ]
