"""The one place where environment variables are read.

Every variable has a default, a help text and a loud error on a bad value. The full
list is printed by ``manage.py env_help`` and documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


REGISTRY: dict[str, EnvVar] = {}


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a boolean (true/false), got {raw!r}")


def config(name: str, default: Any, help: str, cast: Callable[[str], Any] | None = None) -> Any:
    """Read ``name`` from the environment, cast it to the type of ``default``.

    A value that cannot be cast raises ImproperlyConfigured that names the variable.
    """
    REGISTRY[name] = EnvVar(name, default, help)
    raw = os.environ.get(name)
    if raw is None:
        return default
    if cast is None:
        if isinstance(default, bool):
            cast = _parse_bool
        elif isinstance(default, int):
            cast = int
        elif isinstance(default, list):

            def cast(value: str) -> list[str]:
                return [item.strip() for item in value.split(",") if item.strip()]

        else:
            cast = str
    try:
        return cast(raw)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"Environment variable {name} has a bad value: {exc}. {help}") from exc


def choice(*options: str) -> Callable[[str], str]:
    """A cast for ``config`` that accepts one of ``options`` only."""

    def cast(raw: str) -> str:
        value = raw.strip()
        if value not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got {raw!r}")
        return value

    return cast


def read_env_file(path: str) -> None:
    """Load KEY=VALUE lines from ``path`` into os.environ without overriding set values."""
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, _, value = line.partition("=")
            os.environ.setdefault(key.strip(), value.strip())
