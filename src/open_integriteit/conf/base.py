"""Settings shared by every environment. Thin per-environment files import from here.

Every environment variable is read through ``env.config`` with a default and a help text.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

from .env import choice, config, read_env_file

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
    "django_q",
    "open_integriteit.core",
    "open_integriteit.access",
    "open_integriteit.organisations",
    "open_integriteit.accounts",
    "open_integriteit.audit",
    "open_integriteit.encryption",
    "open_integriteit.lists",
    "open_integriteit.retention",
    "open_integriteit.reports",
    "open_integriteit.consultations",
    "open_integriteit.advice",
    "open_integriteit.cases",
    "open_integriteit.people",
    "open_integriteit.declarations",
    "open_integriteit.onboarding",
    "open_integriteit.trainings",
    "open_integriteit.procurement",
    "open_integriteit.complaints",
    "open_integriteit.regulations",
    "open_integriteit.programme",
    "open_integriteit.indicators",
    "open_integriteit.figures",
    "open_integriteit.annual_reports",
    "open_integriteit.search",
    "open_integriteit.operations",
]

MIDDLEWARE = [
    "open_integriteit.operations.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "open_integriteit.core.middleware.SecurityHeadersMiddleware",
    "open_integriteit.core.request_limits.RequestSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "open_integriteit.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
# Django's widget templates, the smallest of them rendered in Python (same HTML, a fraction
# of the CPU: core/renderers.py).
FORM_RENDERER = "open_integriteit.core.renderers.FastWidgetRenderer"


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
            "ENGINE": "open_integriteit.core.db.sqlite3",
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
    "django.contrib.auth.backends.ModelBackend",
    # Log-in through the organisation's identity provider; only its callback calls it (ADR 0019).
    "open_integriteit.accounts.oidc.backend.OrganisationOidcBackend",
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

# Throttling of failed staff log-ins (accounts/throttle.py, ADR 0012). Reporter pages never touch it.
OI_LOGIN_FAILURE_LIMIT = config(
    "OI_LOGIN_FAILURE_LIMIT",
    5,
    "Failed staff log-ins with one user name from one client address before that combination is locked.",
)
OI_LOGIN_USER_FAILURE_LIMIT = config(
    "OI_LOGIN_USER_FAILURE_LIMIT",
    50,
    "Failed staff log-ins with one user name from all addresses together before the user name is locked "
    "for every address.",
)
OI_LOGIN_COOLOFF_MINUTES = config(
    "OI_LOGIN_COOLOFF_MINUTES",
    30,
    "Minutes a lock lasts; failures older than this are forgotten.",
)

# Sessions: staff sessions expire after inactivity and at a hard maximum.
SESSION_COOKIE_AGE = config("OI_SESSION_IDLE_MINUTES", 30, "Minutes of inactivity before a session ends.") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OI_SESSION_MAX_HOURS = config("OI_SESSION_MAX_HOURS", 10, "Hours after login a staff session ends regardless.")
CSRF_COOKIE_HTTPONLY = True
# A session cookie, not Django's one-year default: nothing of a reporter's visit outlives the
# browser session (ADR 0006). Staff sessions end with the browser anyway.
CSRF_COOKIE_AGE = None
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
# Encrypted attachments and documents; never served directly (no MEDIA_URL route). ADR 0013.
OI_FILE_STORAGE = config(
    "OI_FILE_STORAGE",
    "filesystem",
    "Where encrypted files are kept: `filesystem` (OI_FILE_ROOT on this machine) or `database` (a table in "
    "the database, shared by every application server and included in its backups; ADR 0013).",
    cast=choice("filesystem", "database"),
)
OI_FILE_ROOT = Path(
    config("OI_FILE_ROOT", str(VAR_DIR / "files"), "Directory for encrypted files when OI_FILE_STORAGE=filesystem.")
)

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

# The keyed audit chain (ADR 0005).
OI_AUDIT_KEY = config(
    "OI_AUDIT_KEY",
    "",
    "Key of the audit chain, written as id:base64(32 bytes); kept outside the database. Required.",
)
OI_AUDIT_PREVIOUS_KEYS = config(
    "OI_AUDIT_PREVIOUS_KEYS",
    "",
    "Comma-separated id:base64 audit keys used before OI_AUDIT_KEY; needed to verify older events.",
)
# Refuse audit action codes without a label (audit/actions.py); on under DEBUG and in tests.
OI_AUDIT_REFUSE_UNREGISTERED = False

OI_TRUSTED_PROXIES = config(
    "OI_TRUSTED_PROXIES",
    0,
    "Number of reverse proxies in front of the app; the client address is then read from X-Forwarded-For.",
)
OI_CLIENT_HASH_KEY = config(
    "OI_CLIENT_HASH_KEY",
    "",
    "Key for the hashed client addresses of the rate limits. On one server leave it unset: gunicorn.conf.py "
    "generates one in memory at every start, so no file or database holds it (ADR 0004). With several "
    "servers give them all the same value from the secret store (and change it daily), or each server "
    "counts a client apart.",
)
# Limits on anonymous web submissions, per fixed hour (0: no limit). `make bench` raises them.
OI_SUBMISSION_LIMIT_CLIENT = config(
    "OI_SUBMISSION_LIMIT_CLIENT",
    10,
    "Reports one client address may submit through the web form per hour (0: no limit).",
)
OI_SUBMISSION_LIMIT_ORGANISATION = config(
    "OI_SUBMISSION_LIMIT_ORGANISATION",
    100,
    "Reports one organisation accepts through the web form per hour, from all clients together (0: no limit).",
)

# Attachments on reports.
OI_MAX_ATTACHMENT_MB = config("OI_MAX_ATTACHMENT_MB", 10, "Maximum size of one attachment in MB.")
OI_MAX_ATTACHMENTS = config("OI_MAX_ATTACHMENTS", 5, "Maximum number of attachments per submission.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body accepted at all: every attachment at its maximum plus 2 MB for the
# text fields. A larger Content-Length is refused before a byte of the body is read
# (core/request_limits.py); a chunked body is cut off at this size.
OI_MAX_REQUEST_BYTES = (OI_MAX_ATTACHMENTS * OI_MAX_ATTACHMENT_MB + 2) * 1024 * 1024
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

CACHES: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "oi_cache",
    }
}
REDIS_URL = config(
    "REDIS_URL",
    "",
    "redis://host:port/db: cache, sessions and the job queue in Redis, shared by several application servers. "
    "Empty: all in the database.",
)
OI_REDIS_PREFIX = config(
    "OI_REDIS_PREFIX",
    "open_integriteit",
    "Prefix of every Redis key and name of the job queue; installations sharing one Redis need different ones.",
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": OI_REDIS_PREFIX,
            # A Redis that does not answer fails the request after seconds instead of hanging it.
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 3},
        }
    }
    # Sessions in Redis: shared by every server, and session keys stay out of database
    # backups (ADR 0003, threat a). A Redis restart without persistence logs everyone out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

Q_CLUSTER = {
    "name": OI_REDIS_PREFIX,
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

OI_HEALTH_TOKEN = config(
    "OI_HEALTH_TOKEN",
    "",
    "Bearer token for the details of /gezondheid/klaar and for /metrics. Empty: bare status only, no metrics.",
)
OI_LOG_FORMAT = config(
    "OI_LOG_FORMAT",
    "plain",
    "`plain` (readable, for make run) or `json` (one object per line with a request id, for production).",
    cast=choice("plain", "json"),
)

_LOG_HANDLER = {"class": "logging.StreamHandler"}
if OI_LOG_FORMAT == "json":
    _LOG_HANDLER["formatter"] = "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "open_integriteit.operations.logging.JsonFormatter"}},
    "handlers": {"console": _LOG_HANDLER},
    # No access log from Django: reporter pages must not leave IP addresses in logs. In JSON
    # mode one line per request names the view, status and duration, never path or address.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR"},
        "open_integriteit": {"handlers": ["console"], "level": "INFO"},
        "django-q": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
