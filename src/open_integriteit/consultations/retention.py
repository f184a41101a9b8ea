"""The confidential advisers' contact log in the retention registry (ADR 0008, ADR 0009): kept
without a period, on purpose."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from open_integriteit.retention.registry import Policy, register


def register_policy() -> None:
    register(
        Policy(
            code="consultations.contact",
            label=_("Confidential advisers' contact log"),
            event=_("none"),
            destroys=_("Nothing."),
            keeps=_("Date, adviser, topic, number of conversations, whether it led to a report, referral."),
            kept_because=_(
                "The log holds no personal data: no names and no free text can be entered (ADR 0009). "
                "It is the statistical record itself: the annual report compares the counts over the years."
            ),
        )
    )
