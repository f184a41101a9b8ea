"""Production: HTTPS only, secure cookies."""

from .base import *  # noqa: F403

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/", r"^metrics$"]
if OI_TRUSTED_PROXIES:  # noqa: F405
    # TLS ends at the proxy; it must set (not pass on) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
