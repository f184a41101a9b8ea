from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "open_integriteit.cases"
