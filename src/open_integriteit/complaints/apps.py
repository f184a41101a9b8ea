from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "open_integriteit.complaints"
    verbose_name = "Complaints"
