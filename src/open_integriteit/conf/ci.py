"""Tests: fixed, invented keys; never use these anywhere else."""

import os

os.environ.setdefault("OI_ENV_FILE", "")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault(
    "OI_ENCRYPTION_KEYS",
    "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,test2:HxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo=",
)
os.environ.setdefault("OI_ACTIVE_KEY_ID", "test1")
os.environ.setdefault("OI_RECEIPT_PEPPER", "cGVwcGVyLWZvci10ZXN0cy1vbmx5LW5vdC1zZWNyZXQh")

from .base import *  # noqa: F403
from .env import config

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
AXES_ENABLED = config("AXES_ENABLED", True, "django-axes on/off (tests only).")

# A file-backed SQLite test database, so tests can inspect the raw file (encryption at rest).
if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"open_integriteit_test_{os.getpid()}.sqlite3")
    }
