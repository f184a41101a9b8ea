"""The worker publishes the signed chain head outside the database: every hour a line in
the log, every day a mail to each organisation's auditors with the result of a full check."""

from django.db import migrations

SCHEDULES = [
    ("audit-head-log", "open_integriteit.audit.tasks.chain_head_log", "H"),
    ("audit-check-mail", "open_integriteit.audit.tasks.chain_check_mail", "D"),
]


def forward(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": schedule_type, "repeats": -1}
        )


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[name for name, _f, _t in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_seal_unkeyed_chain"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
