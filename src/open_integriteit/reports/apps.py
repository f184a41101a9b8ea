from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "open_integriteit.reports"
