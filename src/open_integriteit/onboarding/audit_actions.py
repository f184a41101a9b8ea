"""Audit actions written by the onboarding app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="onboarding",
    label=_("Oath and affirmation"),
    actions={
        "onboarding.ceremony_recorded": _("Oath ceremony recorded"),
        "onboarding.ceremony_changed": _("Oath ceremony changed"),
        "onboarding.participants_added": _("Participants added to an oath ceremony"),
        "onboarding.participant_removed": _("Participant removed from an oath ceremony"),
        "onboarding.pledges_recorded": _("Oath or affirmation of participants recorded"),
        "onboarding.statement_recorded": _("Integrity statement recorded"),
        "onboarding.certificate_recorded": _("Certificate of conduct recorded"),
        "onboarding.settings_changed": _("Oath settings changed"),
        "onboarding.person_viewed": _("A person's oath, statements and certificates viewed"),
    },
)
