"""The declarations' persona fixtures (``factories.py``) for every test of this app."""

from .factories import declaration_world

__all__ = ["declaration_world"]
