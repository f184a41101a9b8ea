from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the product on several servers: health, metrics, logs, backup check (ADR 0014)."""

    name = "open_integriteit.operations"
