"""Model fields whose values are encrypted before they reach the database."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import keyring


def encrypted_fields() -> list[EncryptedTextField]:
    """Every encrypted column of the installed models (what `rotate_keys` re-encrypts).

    Found through the app registry, not at class creation: migrations build historical
    model classes too, which must not count.
    """
    from django.apps import apps

    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField) and field.model is model
    ]


class EncryptedTextField(models.TextField):
    """Text encrypted with AES-GCM; the associated data binds it to its model and column.

    The database holds only ``oi1:<key id>:<ciphertext>``; Python sees plaintext.
    Encrypted fields cannot be searched or ordered on.
    """

    @property
    def aad(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return keyring.decrypt_text(value, aad=self.aad)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        if keyring.token_key_id(value) is not None:
            raise ValueError("refusing to encrypt a value that is already a ciphertext")
        return keyring.encrypt_text(value, aad=self.aad)
