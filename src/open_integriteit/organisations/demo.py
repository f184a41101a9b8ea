"""Demo data of the organisations app: the invented shared service serves both demo organisations."""

from __future__ import annotations

from django.db import transaction

from open_integriteit.audit.services import audit_log

from .models import Organisation, ServedOrganisation


@transaction.atomic
def load_demo_served_organisations(*, shared_services: list[Organisation], served: list[Organisation]) -> None:
    """Every demo shared service serves the other demo organisations (once; set up by the
    system, as the demo organisations themselves)."""
    for service in shared_services:
        for organisation in served:
            if ServedOrganisation.objects.filter(shared_service=service, organisation=organisation).exists():
                continue
            link = ServedOrganisation(shared_service=service, organisation=organisation)
            link.full_clean()
            link.save()
            audit_log(
                action="organisation.shared_service_added",
                channel="system",
                organisation_id=organisation.pk,
                target=organisation,
                details={"shared_service": service.pk},
            )
