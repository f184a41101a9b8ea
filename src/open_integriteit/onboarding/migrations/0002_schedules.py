"""The worker reminds managers of overdue oaths once a day."""

from django.db import migrations

NAME = "oath-overdue-reminders"


def forward(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "open_integriteit.onboarding.reminders.send_overdue_reminders",
            "schedule_type": "D",
            "repeats": -1,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
