from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "open_integriteit.programme"
    verbose_name = "Programme"
