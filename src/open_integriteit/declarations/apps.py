from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "open_integriteit.declarations"
    verbose_name = "Declarations"
