"""Organisations that existed before the procurement deviations get the default reasons too.

The list is copied here (not imported) so this migration keeps doing what it did when the
defaults in ``reasons.py`` change later.
"""

from django.db import migrations

KIND = "procurement.deviation_reason"
DEFAULT_REASONS = [
    ("urgentie", "Dwingende spoed", "Urgency"),
    ("enige-leverancier", "Slechts één leverancier mogelijk", "Only one supplier possible"),
    ("aansluiting", "Aansluiting op bestaande opdracht", "Follow-up of an existing contract"),
    ("te-laat-gestart", "Te laat gestart met de inkoop", "Procurement started too late"),
    ("raming-overschreden", "Raming overschreden", "Estimate exceeded"),
    ("anders", "Anders", "Other"),
]


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    ListEntry = apps.get_model("lists", "ListEntry")
    for organisation in Organisation.objects.all():
        for position, (code, name_nl, name_en) in enumerate(DEFAULT_REASONS, start=1):
            ListEntry.objects.get_or_create(
                organisation=organisation,
                kind=KIND,
                code=code,
                defaults={"group": "", "name_nl": name_nl, "name_en": name_en, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
