from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "open_integriteit.advice"

    def ready(self) -> None:
        from open_integriteit.lists import registry

        from .topics import ADVICE_TOPICS

        registry.register(ADVICE_TOPICS)
        from .retention import register_policy

        register_policy()
