from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "open_integriteit.declarations"
    verbose_name = "Declarations"

    def ready(self) -> None:
        from . import publication_store

        publication_store.connect()
