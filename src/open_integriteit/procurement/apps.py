from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "open_integriteit.procurement"
    verbose_name = "Procurement"
