from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "open_integriteit.consultations"

    def ready(self) -> None:
        from .retention import register_policy

        register_policy()
