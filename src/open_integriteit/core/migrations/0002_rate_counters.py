"""Rate counters move from the cache to their own table (ADR 0004).

The receipt-login throttle used to keep its counters in the database cache, keyed with an
HMAC derived from SECRET_KEY; expired rows stayed there. They are deleted here, and the
worker purges expired counters every hour from now on.
"""

from django.db import migrations, models


def forward(apps, schema_editor):
    connection = schema_editor.connection
    cache_table = "oi_cache"
    if cache_table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(cache_table)} WHERE cache_key LIKE %s",
                ["%oi:rt:%"],
            )
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="rate-counter-purge",
        defaults={"func": "open_integriteit.core.tasks.purge_rate_counters", "schedule_type": "H", "repeats": -1},
    )


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="rate-counter-purge").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_cache_table"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("bucket", models.CharField(max_length=120, primary_key=True, serialize=False)),
                ("hits", models.PositiveIntegerField(default=0)),
                ("expires_at", models.DateTimeField(db_index=True)),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
