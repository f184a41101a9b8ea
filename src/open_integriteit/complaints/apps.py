from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "open_integriteit.complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from .retention import register_policy

        register_policy()
