"""File tombstones and retention periods moved to the retention registry (its 0002 copied
the rows first)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_case_category_list_entry'),
        ('retention', '0002_move_from_cases'),
    ]

    operations = [
        migrations.DeleteModel(
            name='FileTombstone',
        ),
        migrations.DeleteModel(
            name='RetentionPolicy',
        ),
    ]
