from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "open_integriteit.indicators"
    verbose_name = "Indicators"
