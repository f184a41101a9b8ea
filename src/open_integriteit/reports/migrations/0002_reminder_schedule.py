"""The background worker checks the deadlines every hour."""

from django.db import migrations


def forward(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="deadline-reminders",
        defaults={
            "func": "open_integriteit.reports.tasks.send_deadline_reminders",
            "schedule_type": "H",
            "repeats": -1,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="deadline-reminders").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
