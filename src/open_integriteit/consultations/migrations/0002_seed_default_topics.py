"""Organisations that existed before the contact log get its default topics too.

The list is copied here (not imported) so this migration keeps doing what it did when the
defaults in ``topics.py`` change later.
"""

from django.db import migrations

DEFAULT_TOPICS = [
    ("ongewenste-omgangsvormen", "Ongewenste omgangsvormen", "Unwanted behaviour"),
    ("zakelijke-integriteit", "Zakelijke integriteit", "Business integrity"),
    ("arbeidsconflict", "(Dreigend) arbeidsconflict", "(Threatening) labour dispute"),
    ("onveiligheid", "Onveiligheid", "Feeling unsafe"),
    ("advies-algemeen", "Advies algemeen", "General advice"),
]


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Topic = apps.get_model("consultations", "Topic")
    for organisation in Organisation.objects.all():
        for position, (code, name_nl, name_en) in enumerate(DEFAULT_TOPICS, start=1):
            Topic.objects.get_or_create(
                organisation=organisation,
                code=code,
                defaults={"name_nl": name_nl, "name_en": name_en, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
