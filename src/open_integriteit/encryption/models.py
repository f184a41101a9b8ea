"""Abstract model for rows that point at an encrypted file in the file storage."""

from __future__ import annotations

from django.db import models


class EncryptedFile(models.Model):
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    key_id = models.CharField(max_length=32, editable=False)

    class Meta:
        abstract = True
