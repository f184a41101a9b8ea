"""System checks of the core app: run by every management command (migrate, qcluster, …)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from .file_permissions import exposed_paths


def check_private_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse to start while the database, files, mails or keys are readable by others."""
    return [
        Error(
            f"{exposed.path} can be read by other users of this machine (mode {exposed.mode & 0o777:04o}).",
            hint=f"Make it readable by this user only: {exposed.fix}",
            id="open_integriteit.E001",
        )
        for exposed in exposed_paths()
    ]
