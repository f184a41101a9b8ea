from django.apps import AppConfig


class EncryptionConfig(AppConfig):
    name = "open_integriteit.encryption"
