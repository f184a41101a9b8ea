"""Stable codes for user-defined list entries (categories, topics)."""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify


def unique_code(queryset: Any, name: str, *, fallback: str) -> str:
    """A slug of ``name`` not yet used as ``code`` in ``queryset`` (``-2``, ``-3`` … when taken)."""
    base = slugify(name)[:50] or fallback
    code, suffix = base, 2
    while queryset.filter(code=code).exists():
        code, suffix = f"{base}-{suffix}", suffix + 1
    return code
