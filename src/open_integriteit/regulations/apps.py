from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "open_integriteit.regulations"
    verbose_name = "Regulations"
