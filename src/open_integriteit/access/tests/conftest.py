"""The world of ``world.py`` is built once per test module, inside a transaction that is
rolled back when the module is done (as Django's ``TestCase.setUpTestData``): every test
runs in a savepoint on top of it and leaves it as it found it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from .world import World, build_world


@pytest.fixture(scope="module")
def files_root(tmp_path_factory: Any) -> Path:
    return Path(tmp_path_factory.mktemp("files"))


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, files_root: Path) -> None:
    """The world's encrypted files live as long as the world (replaces the per-test directory)."""
    settings.OI_FILE_ROOT = files_root


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, files_root: Path) -> Iterator[World]:
    with django_db_blocker.unblock(), override_settings(OI_FILE_ROOT=files_root):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
