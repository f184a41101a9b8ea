from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "open_integriteit.access"
