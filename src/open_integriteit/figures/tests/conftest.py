"""A figure of our own for the tests of the entered totals.

Which figures may be entered depends on the apps installed (reports, consultations,
onboarding, ... each declare theirs in ``statistics.py``). So that these tests do not
depend on them, ``example_figure`` adds one statistics module to the registry for the
length of a test, by overriding the cached ``registry._modules`` (monkeypatch undoes it):
an enterable figure that counts survey measurements by their year, broken down by unit.
The tests that use a real figure of another app (``reports.reports``) skip while that app
does not declare it.
"""

from __future__ import annotations

import pytest

from .example import add_example_figure


@pytest.fixture
def example_figure(monkeypatch: pytest.MonkeyPatch) -> str:
    return add_example_figure(monkeypatch)
