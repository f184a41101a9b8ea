from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "open_integriteit.core"
