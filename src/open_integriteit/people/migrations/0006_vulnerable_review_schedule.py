"""The worker reminds the coordinators and register clerks once a day of an adopted list of
vulnerable posts that is due for review."""

from django.db import migrations

SCHEDULE = "vulnerable-review-reminders"
FUNC = "open_integriteit.people.vulnerable.send_review_reminders"


def schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=SCHEDULE, defaults={"func": FUNC, "schedule_type": "D", "repeats": -1}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_vulnerable_posts"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
