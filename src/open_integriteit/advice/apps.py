from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "open_integriteit.advice"

    def ready(self) -> None:
        from .retention import register_policy

        register_policy()
