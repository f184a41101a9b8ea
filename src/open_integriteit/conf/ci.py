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
os.environ.setdefault("OI_AUDIT_KEY", "ta1:YXVkaXQta2V5LWZvci10ZXN0cy1vbmx5LW5vdC1zZWM=")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
OI_AUDIT_REFUSE_UNREGISTERED = True

# Backends that lift the audit table's DELETE/TRUNCATE guard for the test flush only (testing/db).
DATABASES["default"]["ENGINE"] = {  # noqa: F405
    "open_integriteit.core.db.sqlite3": "open_integriteit.testing.db.sqlite3",
    "django.db.backends.postgresql": "open_integriteit.testing.db.postgresql",
}[str(DATABASES["default"]["ENGINE"])]  # noqa: F405

# A file-backed SQLite test database, so tests can inspect the raw file (encryption at rest).
if str(DATABASES["default"]["ENGINE"]).endswith("sqlite3"):  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"open_integriteit_test_{os.getpid()}.sqlite3")
    }
