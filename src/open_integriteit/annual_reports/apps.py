from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "open_integriteit.annual_reports"
    verbose_name = "Annual reports"

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401
