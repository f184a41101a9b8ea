from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "open_integriteit.reports"

    def ready(self) -> None:
        from open_integriteit.core.anonymity import register_name_source
        from open_integriteit.lists import registry

        from .anonymity import reporter_names
        from .typology import CATEGORIES

        registry.register(CATEGORIES)
        register_name_source("reports.reporter_identities", reporter_names)
        from .retention import register_policy

        register_policy()
