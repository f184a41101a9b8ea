"""Organisations that existed before the trainings get the default kinds of session, and the
worker sends the reminders of mandatory trainings once a day.

The list is copied here (not imported) so this migration keeps doing what it did when the
defaults in ``kinds.py`` change later.
"""

from django.db import migrations

KIND = "trainings.kind"
DEFAULT_KINDS = [
    ("dilemmaspel", "Dilemmaspel", "Dilemma game"),
    ("webinar", "Webinar", "Webinar"),
    ("moreel-beraad", "Training moreel oordeelsvermogen", "Moral-judgement training"),
    ("teamsessie", "Teamsessie", "Team session"),
    ("workshop", "Workshop", "Workshop"),
    ("e-learning", "E-learning", "E-learning"),
    ("campagne", "Campagne", "Campaign"),
]
SCHEDULE = "training-reminders"


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    ListEntry = apps.get_model("lists", "ListEntry")
    for organisation in Organisation.objects.all():
        for position, (code, name_nl, name_en) in enumerate(DEFAULT_KINDS, start=1):
            ListEntry.objects.get_or_create(
                organisation=organisation,
                kind=KIND,
                code=code,
                defaults={"group": "", "name_nl": name_nl, "name_en": name_en, "position": position},
            )
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=SCHEDULE,
        defaults={
            "func": "open_integriteit.trainings.reminders.send_training_reminders",
            "schedule_type": "D",
            "repeats": -1,
        },
    )


def backward(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
