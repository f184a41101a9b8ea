"""Settings shared by every environment. Thin per-environment files import from here.

Every environment variable is read through ``env.config`` with a default and a help text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

from .env import config, read_env_file

SRC_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SRC_DIR.parent

OI_ENV_FILE = config(
    "OI_ENV_FILE",
    str(BASE_DIR / "var" / "local.env"),
    "File with KEY=VALUE lines read at start-up (values already in the environment win). "
    "`make run` writes the local keys there once.",
)
read_env_file(OI_ENV_FILE)

VAR_DIR = Path(config("OI_VAR_DIR", str(BASE_DIR / "var"), "Directory for the SQLite database, files and mail."))

SECRET_KEY = config("SECRET_KEY", "", "Django's secret key (sessions, CSRF). Required.")
DEBUG = config("DEBUG", False, "Django debug mode. Never on in production.")
ALLOWED_HOSTS = config("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], "Comma-separated host names served.")
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins trusted for CSRF (https://...).")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_q",
    "open_integriteit.core",
    "open_integriteit.organisations",
    "open_integriteit.accounts",
    "open_integriteit.audit",
    "open_integriteit.encryption",
    "open_integriteit.reports",
    "open_integriteit.consultations",
    "open_integriteit.advice",
    "open_integriteit.cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "open_integriteit.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "open_integriteit.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "open_integriteit.urls"
WSGI_APPLICATION = "open_integriteit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "open_integriteit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "open_integriteit.core.context_processors.branding",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict[str, object]:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"only postgres:// URLs are supported, got {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


DATABASE_URL = config(
    "DATABASE_URL",
    "",
    "postgres://user:password@host:port/name for PostgreSQL. Empty: the embedded SQLite database in OI_VAR_DIR.",
)
SQLITE_PATH = config("OI_SQLITE_PATH", str(VAR_DIR / "db.sqlite3"), "Path of the embedded SQLite database.")

if DATABASE_URL:
    DATABASES = {"default": _database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Keep the connection per thread: opening one (functions, PRAGMAs) costs ~1 ms of
            # CPU per request, ~10% of the submission throughput measured by `make bench`.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # Writers take the lock at BEGIN, so concurrent writers queue instead of
                # failing with "database is locked" on a lock upgrade (ADR 0002).
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=30000;PRAGMA foreign_keys=ON;PRAGMA secure_delete=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:staff_dashboard"

# Lockout after repeated failed staff logins (django-axes). Reporter pages never touch axes.
AXES_FAILURE_LIMIT = config("OI_LOGIN_FAILURE_LIMIT", 5, "Failed staff logins before a lockout.")
AXES_COOLOFF_TIME = config("OI_LOGIN_COOLOFF_MINUTES", 30, "Minutes a locked-out staff login stays locked.") / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking per user name (not per address) is deliberate: rotating addresses cannot bypass it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Sessions: staff sessions expire after inactivity and at a hard maximum.
SESSION_COOKIE_AGE = config("OI_SESSION_IDLE_MINUTES", 30, "Minutes of inactivity before a session ends.") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OI_SESSION_MAX_HOURS = config("OI_SESSION_MAX_HOURS", 10, "Hours after login a staff session ends regardless.")
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on form posts,
# which Django's CSRF check rejects. Other sites still never receive a referrer.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "open_integriteit" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date format per kind (tables, running text), per language: see formats/__init__.py.
FORMAT_MODULE_PATH = "open_integriteit.formats"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Encrypted attachments; never served directly (no MEDIA_URL route).
OI_FILE_ROOT = Path(config("OI_FILE_ROOT", str(VAR_DIR / "files"), "Directory for encrypted attachments."))

# Encryption at rest (ADR 0003).
OI_ENCRYPTION_KEYS = config(
    "OI_ENCRYPTION_KEYS",
    "",
    "Comma-separated key-id:base64(32 bytes) AES-256 keys. Required. Old keys stay listed until "
    "`manage.py rotate_keys` has re-encrypted everything.",
)
OI_ACTIVE_KEY_ID = config("OI_ACTIVE_KEY_ID", "", "The key id new ciphertexts are written with.")
OI_RECEIPT_PEPPER = config(
    "OI_RECEIPT_PEPPER",
    "",
    "Secret (base64, 32 bytes) mixed into receipt-code hashes; kept outside the database (ADR 0004).",
)

OI_TRUSTED_PROXIES = config(
    "OI_TRUSTED_PROXIES",
    0,
    "Number of reverse proxies in front of the app; the client address is then read from X-Forwarded-For.",
)

# Attachments on reports.
OI_MAX_ATTACHMENT_MB = config("OI_MAX_ATTACHMENT_MB", 10, "Maximum size of one attachment in MB.")
OI_MAX_ATTACHMENTS = config("OI_MAX_ATTACHMENTS", 5, "Maximum number of attachments per submission.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend",
    "Django mail backend. Default writes mails as files to OI_VAR_DIR/mail.",
)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = config("EMAIL_HOST", "localhost", "SMTP host.")
EMAIL_PORT = config("EMAIL_PORT", 25, "SMTP port.")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", "SMTP user.")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, "SMTP STARTTLS.")
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "meldpunt@open-integriteit.invalid", "Sender of all mail.")
OI_BASE_URL = config("OI_BASE_URL", "http://127.0.0.1:8000", "Public base URL used in links in mails.")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "oi_cache",
    }
}
REDIS_URL = config("REDIS_URL", "", "redis://host:port/db to use Redis for cache and job broker instead of the DB.")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

Q_CLUSTER = {
    "name": "open_integriteit",
    "workers": 1,
    "timeout": 300,
    "retry": 600,
    "orm": "default",
    "catch_up": False,
    "save_limit": 200,
    "poll": 2,
}
if REDIS_URL:
    Q_CLUSTER = {**Q_CLUSTER, "redis": REDIS_URL}
    del Q_CLUSTER["orm"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Request logging is off: reporter pages must not leave IP addresses in logs.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR"},
        "open_integriteit": {"handlers": ["console"], "level": "INFO"},
    },
}
