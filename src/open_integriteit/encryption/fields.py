"""Model fields whose values are encrypted before they reach the database."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import keyring

# Every encrypted field registers here so `rotate_keys` can find them all.
ENCRYPTED_FIELDS: list[EncryptedTextField] = []


class EncryptedTextField(models.TextField):
    """Text encrypted with AES-GCM; the associated data binds it to its model and column.

    The database holds only ``oi1:<key id>:<ciphertext>``; Python sees plaintext.
    Encrypted fields cannot be searched or ordered on.
    """

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)
        if not cls._meta.abstract:
            ENCRYPTED_FIELDS.append(self)

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
