"""Move every category into the per-organisation lists (ADR 0010), keeping every report and
case pointing at the same category.

- Each ``Category`` becomes a ``ListEntry`` of kind "reports.category" with its scheme as
  group and its names, position and in-use flag. Codes become unique per list: the one
  code both standard typologies share gets a suffix in the central-government list
  ("ongewenste-omgangsvormen-rijk"), any other clash gets "-2", "-3" ….
- Reports and cases get the entry of the category they had (``cases.0003`` added the
  column on cases).
- One standard typology stays in use per organisation: the one its reports and cases use
  most, or, if none is used, the one for its kind of organisation. The other standard
  typology is switched off (records keep their category); own categories stay as they are.

Constants are copied here, not imported, so this migration keeps doing what it did.
Going back is not supported with data (restore a backup instead).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count

KIND = "reports.category"
STANDARD = ("bios", "central_government")
GROUP_ORDER = {"bios": 0, "central_government": 1, "custom": 2}
RENAMED = {("central_government", "ongewenste-omgangsvormen"): "ongewenste-omgangsvormen-rijk"}
DEFAULT_TYPOLOGY = {
    "province": "bios",
    "municipality": "bios",
    "water_authority": "bios",
    "shared_service": "bios",
    "other": "central_government",
}


def _free_code(ListEntry, organisation_id, code):
    taken = set(ListEntry.objects.filter(organisation_id=organisation_id, kind=KIND).values_list("code", flat=True))
    candidate, suffix = code, 2
    while candidate in taken:
        candidate = f"{code[:55]}-{suffix}"
        suffix += 1
    return candidate


def forward(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    ListEntry = apps.get_model("lists", "ListEntry")
    Organisation = apps.get_model("organisations", "Organisation")
    Report = apps.get_model("reports", "Report")
    Case = apps.get_model("cases", "Case")

    categories = sorted(
        Category.objects.all(), key=lambda c: (c.organisation_id, GROUP_ORDER.get(c.scheme, 9), c.position, c.pk)
    )
    for category in categories:
        code = RENAMED.get((category.scheme, category.code), category.code)
        entry = ListEntry.objects.create(
            organisation_id=category.organisation_id,
            kind=KIND,
            group=category.scheme,
            code=_free_code(ListEntry, category.organisation_id, code),
            name_nl=category.name_nl,
            name_en=category.name_en,
            position=category.position,
            active=category.active,
        )
        Report.objects.filter(category_id=category.pk).update(category_entry_id=entry.pk)
        Case.objects.filter(category_id=category.pk).update(category_entry_id=entry.pk)

    for organisation in Organisation.objects.all():
        uses = dict.fromkeys(STANDARD, 0)
        for model in (Report, Case):
            rows = (
                model.objects.filter(organisation_id=organisation.pk, category_entry__group__in=STANDARD)
                .values_list("category_entry__group")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for group, n in rows:
                uses[group] += n
        default = DEFAULT_TYPOLOGY.get(organisation.kind, "bios")
        keep = max(STANDARD, key=lambda group: (uses[group], group == default))
        ListEntry.objects.filter(
            organisation_id=organisation.pk, kind=KIND, group__in=[g for g in STANDARD if g != keep]
        ).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_reminder_schedule"),
        ("lists", "0001_initial"),
        ("organisations", "0002_organisation_kind"),
        ("cases", "0003_case_category_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="category_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="lists.listentry",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
