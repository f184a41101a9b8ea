from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "open_integriteit.reports"

    def ready(self) -> None:
        from .retention import register_policy

        register_policy()
