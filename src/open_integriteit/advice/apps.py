from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "open_integriteit.advice"
