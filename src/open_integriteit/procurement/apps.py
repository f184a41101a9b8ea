from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "open_integriteit.procurement"
    verbose_name = "Procurement"

    def ready(self) -> None:
        from open_integriteit.lists import registry

        from .reasons import REASONS

        registry.register(REASONS)
