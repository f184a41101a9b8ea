"""Retention of the trainings (``retention.registry``): a session and a mandatory training hold
no personal data of their own. The links between a session and the people who took part go
with the person when the people register removes a leaver (``people.leaver``); the number of
participants stays on the session, so earlier years' figures do not change."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.retention.registry import Policy, register


def register_policy() -> None:
    register(
        Policy(
            code="trainings.session",
            label=_("Training sessions and mandatory trainings"),
            event=_("none"),
            destroys=_("Nothing here: who took part is removed with the person by the people register."),
            keeps=_("Date, kind, title, audience and number of participants of a session; the mandatory trainings."),
            kept_because=_(
                "The annual report compares the number of sessions and participants over the years; the names "
                "of participants are personal data of the people register and leave with the person."
            ),
        )
    )
