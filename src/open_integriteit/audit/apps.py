from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "open_integriteit.audit"
