"""Access to the survey indicators (DOMAIN.md §4.7): the coordinator of the organisation
records and reads them; nobody else (the same reasoning as ``access.figures``: the
auditor reads them in the adopted annual report). Another organisation gets 404.
"""

from __future__ import annotations

from typing import Any

from . import figures


def can_manage_indicators(user: Any, organisation_id: int | None = None) -> bool:
    """The indicators are figures of the year like the others: whoever reads those."""
    return figures.can_read_figures(user, organisation_id)
