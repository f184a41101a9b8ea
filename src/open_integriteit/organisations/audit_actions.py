"""Audit actions written by the organisations app (see ``audit.actions``)."""

from django.utils.translation import gettext_lazy as _

from open_integriteit.audit.actions import register_actions

register_actions(
    prefix="organisation",
    label=_("Organisation"),
    actions={
        "organisation.created": _("Organisation created"),
        "organisation.branding_changed": _("Name, colour or logo changed"),
        "organisation.shared_service_added": _("Shared service serving the organisation added"),
        "organisation.shared_service_removed": _("Shared service serving the organisation removed"),
    },
)
