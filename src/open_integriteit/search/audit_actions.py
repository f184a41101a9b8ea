"""Audit actions written by the search app (see ``audit.actions``). A search is logged with
counts only: never the words searched for."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="search",
    label=_("Search"),
    actions={
        "search.performed": _("Reports and cases searched"),
        "search.index_rebuilt": _("Search index rebuilt"),
    },
)
