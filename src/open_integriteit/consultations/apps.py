from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "open_integriteit.consultations"

    def ready(self) -> None:
        from open_integriteit.lists import registry

        from .topics import TOPICS

        registry.register(TOPICS)
        from .retention import register_policy

        register_policy()
