"""Encrypted files: the abstract row that points at one, and the table of blobs that holds
them when OI_FILE_STORAGE=database (ADR 0013)."""

from __future__ import annotations

from django.db import models


class EncryptedFile(models.Model):
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    key_id = models.CharField(max_length=32, editable=False)

    class Meta:
        abstract = True


class StoredBlob(models.Model):
    """One encrypted file (``OIF1`` format) in the shared database; never plaintext.

    Written and read only through ``encryption.storage``.
    """

    name = models.CharField(max_length=80, primary_key=True)
    data = models.BinaryField()

    def __str__(self) -> str:
        return self.name
