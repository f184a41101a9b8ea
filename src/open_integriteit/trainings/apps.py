from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "open_integriteit.trainings"
    verbose_name = "Trainings"

    def ready(self) -> None:
        from open_integriteit.lists import registry

        from .kinds import KINDS

        registry.register(KINDS)
        from .retention import register_policy

        register_policy()
