from django.apps import AppConfig


class EncryptionConfig(AppConfig):
    name = "open_integriteit.encryption"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the start-up checks)
