"""The annual report's test data: two published years of an invented province (``zuid_holland``)."""

from __future__ import annotations

from typing import Any

import pytest

from .zuid_holland import ZuidHolland, build_zuid_holland


@pytest.fixture
def zuid_holland(db: Any) -> ZuidHolland:
    return build_zuid_holland()
