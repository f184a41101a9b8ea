"""Access to search (issue 7, ADR 0016).

Searching is for whoever may be given report and case content; what a search finds is
limited by ``reports_visible_to`` and ``cases_visible_to``, so it never finds what the user
could not open. An administrator or auditor has nothing to search and does not get the page.
"""

from __future__ import annotations

from typing import Any

from . import roles


def can_search(user: Any) -> bool:
    return roles.is_content_staff(user)
