"""``makemigrations`` without the start-up checks of the keys.

Comparing the models with the migrations reads no data, so it needs no encryption, audit or
receipt key: on a fresh checkout (before ``make run`` wrote ``var/local.env``)
``manage.py makemigrations --check`` must answer about the migrations, not about missing
keys. The model checks still run; every other command keeps all the checks (``check``,
``migrate``, ``runserver``, ``qcluster`` refuse to start without keys).
"""

from __future__ import annotations

from django.core.checks import Tags
from django.core.management.commands import makemigrations


class Command(makemigrations.Command):
    requires_system_checks = [Tags.models]
