from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "open_integriteit.core"

    def ready(self) -> None:
        from django.core import checks
        from django.db.backends.signals import connection_created

        from .checks import check_private_files
        from .file_permissions import on_connection_created

        checks.register(check_private_files, checks.Tags.security)
        connection_created.connect(on_connection_created, dispatch_uid="open_integriteit.private_sqlite")
