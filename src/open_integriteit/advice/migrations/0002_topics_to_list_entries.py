"""Advice topics become a per-organisation list (ADR 0010): every organisation gets the seven
topics that were fixed choices until now, with the same codes, and every advice request
points at the entry of the topic it had. ``0003`` then replaces the old column. Going back
is not supported with data."""

import django.db.models.deletion
from django.db import migrations, models

KIND = "advice.topic"
# Copied, not imported: (code, Dutch name, English name) as the fixed choices were.
DEFAULT_TOPICS = [
    ("gifts_invitations", "Geschenken en uitnodigingen", "Gifts and invitations"),
    ("side_jobs", "Nevenwerkzaamheden", "Side jobs"),
    ("conflicts_of_interest", "Belangenverstrengeling", "Conflicts of interest"),
    ("confidential_information", "Vertrouwelijke informatie", "Confidential information"),
    ("social_media", "Sociale media en online intimidatie", "Social media and online harassment"),
    ("behaviour", "Gedrag", "Behaviour"),
    ("other", "Anders", "Other"),
]


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    ListEntry = apps.get_model("lists", "ListEntry")
    AdviceRequest = apps.get_model("advice", "AdviceRequest")
    for organisation in Organisation.objects.all():
        for position, (code, name_nl, name_en) in enumerate(DEFAULT_TOPICS, start=1):
            entry, _created = ListEntry.objects.get_or_create(
                organisation_id=organisation.pk,
                kind=KIND,
                code=code,
                defaults={"group": "", "name_nl": name_nl, "name_en": name_en, "position": position},
            )
            AdviceRequest.objects.filter(organisation_id=organisation.pk, topic=code).update(topic_entry_id=entry.pk)


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_initial"), ("lists", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="advicerequest",
            name="topic_entry",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="lists.listentry"
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
