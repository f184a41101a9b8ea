"""Protection reminders become claim-once reminders (core/reminders.py).

The old ``sent_at`` was set when the row was inserted, before the mail went out: it is the
claim time (``claimed_at``). Existing rows count as sent once, so they are never repeated.
"""

from django.db import migrations, models


def sent_once(apps, schema_editor):
    apps.get_model("cases", "ProtectionReminder").objects.update(sent_at=models.F("claimed_at"), attempts=1)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_retention_moves_to_registry")]

    operations = [
        migrations.RenameField(model_name="protectionreminder", old_name="sent_at", new_name="claimed_at"),
        migrations.AddField(
            model_name="protectionreminder", name="sent_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="protectionreminder", name="attempts", field=models.PositiveSmallIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="protectionreminder", name="failed_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.RunPython(sent_once, migrations.RunPython.noop),
    ]
