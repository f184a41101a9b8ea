import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def approve_existing(apps, schema_editor):
    """Roles given before four-eyes approval existed keep counting."""
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    RoleAssignment.objects.filter(approved_at__isnull=True).update(approved_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_throttle"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="must_change_password",
            field=models.BooleanField(db_default=False, default=False, verbose_name="must change password"),
        ),
        migrations.AddField(
            model_name="roleassignment",
            name="granted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="granted by",
            ),
        ),
        migrations.AddField(
            model_name="roleassignment",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="approved at"),
        ),
        migrations.AddField(
            model_name="roleassignment",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="approved by",
            ),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
