"""The retention registry takes over from ``cases``: the file tombstones and the periods an
organisation chose per case outcome are copied here (``cases`` then drops its tables), and
the worker's daily "retention" schedule runs the registry's job."""

from django.db import migrations

OLD_FUNC = "open_integriteit.cases.tasks.retention_run"
NEW_FUNC = "open_integriteit.retention.tasks.retention_run"


def forward(apps, schema_editor):
    OldTombstone = apps.get_model("cases", "FileTombstone")
    OldPolicy = apps.get_model("cases", "RetentionPolicy")
    FileTombstone = apps.get_model("retention", "FileTombstone")
    RetentionPeriod = apps.get_model("retention", "RetentionPeriod")
    for stone in OldTombstone.objects.all():
        FileTombstone.objects.get_or_create(stored_name=stone.stored_name)
    for policy in OldPolicy.objects.all():
        RetentionPeriod.objects.update_or_create(
            organisation_id=policy.organisation_id, key=f"cases.{policy.outcome}", defaults={"months": policy.months}
        )
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="retention", defaults={"func": NEW_FUNC, "schedule_type": "D", "repeats": -1}
    )


def backward(apps, schema_editor):
    OldTombstone = apps.get_model("cases", "FileTombstone")
    OldPolicy = apps.get_model("cases", "RetentionPolicy")
    for stone in apps.get_model("retention", "FileTombstone").objects.all():
        OldTombstone.objects.get_or_create(stored_name=stone.stored_name)
    for period in apps.get_model("retention", "RetentionPeriod").objects.filter(key__startswith="cases."):
        OldPolicy.objects.update_or_create(
            organisation_id=period.organisation_id,
            outcome=period.key.removeprefix("cases."),
            defaults={"months": period.months},
        )
    apps.get_model("django_q", "Schedule").objects.filter(name="retention").update(func=OLD_FUNC)


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("cases", "0002_schedules"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
