"""Every organisation gets a kind (province, municipality, …); it chooses defaults such as
the typology of categories (ADR 0010). Existing organisations get the kind their name
suggests ("Provincie …", "Gemeente …", "Waterschap …"), else "other"; the administrator
can correct it on the organisation settings page."""

import unicodedata

from django.db import migrations, models

# Copied, not imported: this migration must keep doing what it did.
NAME_WORDS = {
    "provincie": "province",
    "gemeente": "municipality",
    "waterschap": "water_authority",
    "hoogheemraadschap": "water_authority",
    "wetterskip": "water_authority",
    "omgevingsdienst": "shared_service",
    "veiligheidsregio": "shared_service",
    "ggd": "shared_service",
    "belastingsamenwerking": "shared_service",
}


def kind_from_name(name):
    folded = unicodedata.normalize("NFKD", name.casefold())
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    if "gemeenschappelijke" in words and "regeling" in words:
        return "shared_service"
    return next((NAME_WORDS[word] for word in words if word in NAME_WORDS), "other")


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.kind = kind_from_name(organisation.name)
        organisation.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("province", "Province"),
                    ("municipality", "Municipality"),
                    ("water_authority", "Water authority"),
                    ("shared_service", "Shared service of several public bodies"),
                    ("other", "Other public organisation"),
                ],
                default="other",
                max_length=20,
                verbose_name="kind of organisation",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
