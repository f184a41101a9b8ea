"""The worker follows up protective measures and runs retention once a day."""

from django.db import migrations


def forward(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func in [
        ("protection-reminders", "open_integriteit.cases.tasks.send_protection_reminders"),
        ("retention", "open_integriteit.cases.tasks.retention_run"),
    ]:
        Schedule.objects.update_or_create(name=name, defaults={"func": func, "schedule_type": "D", "repeats": -1})


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=["protection-reminders", "retention"]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]

    operations = [migrations.RunPython(forward, backward)]
