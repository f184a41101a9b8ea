"""Audit actions written by the advice app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="advice",
    label=_("Advice"),
    actions={
        "advice.registered": _("Advice recorded"),
        "advice.changed": _("Advice changed"),
        "advice.viewed": _("Advice viewed"),
        "advice.destroyed": _("Question and advice destroyed after retention"),
    },
)
