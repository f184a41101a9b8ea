from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "open_integriteit.consultations"
