"""The database cache table (used for the receipt-login throttle) is created with the schema."""

from django.core.management import call_command
from django.db import migrations


def forward(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
