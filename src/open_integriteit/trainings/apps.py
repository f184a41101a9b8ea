from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "open_integriteit.trainings"
    verbose_name = "Trainings"
