from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "open_integriteit.cases"

    def ready(self) -> None:
        from .retention import register_policy

        register_policy()
