"""Audit actions written by the people register (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="people",
    label=_("People register"),
    actions={
        "people.import_ran": _("HR import ran"),
        "people.person_viewed": _("Person in the register viewed"),
        "people.destroyed": _("Person removed from the register after retention"),
        "people.account_linked": _("Account made and linked at the first log-in through the organisation's provider"),
        "people.post_duties_changed": _("Duties of a post set by the register clerk"),
        "people.official_changed": _("Office, term and party of an official set by the register clerk"),
        "people.manager_added": _("Unit added to the units a person manages"),
        "people.manager_removed": _("Unit removed from the units a person manages"),
        "people.post_assessed": _("Checklist of a post for the vulnerable posts recorded"),
        "people.vulnerability_question_added": _("Question added to the checklist of vulnerable posts"),
        "people.vulnerability_question_moved": _("Question of the checklist of vulnerable posts moved"),
        "people.vulnerability_question_retired": _("Question of the checklist of vulnerable posts retired"),
        "people.vulnerability_settings_changed": _("Threshold and weights of the checklist of vulnerable posts set"),
        "people.vulnerable_list_adopted": _("Adopted list of vulnerable posts recorded"),
    },
)
