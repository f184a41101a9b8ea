from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "open_integriteit.audit"

    def ready(self) -> None:
        from . import actions, checks  # noqa: F401  (checks registers the start-up check of the audit key)

        actions.autodiscover()
