"""The WSGI application (gunicorn). Files it creates are readable by its own user only."""

import os

from django.core.wsgi import get_wsgi_application

from open_integriteit.core.request_limits import ChunkedBodyLimit

os.umask(0o077)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "open_integriteit.conf.dev")

application = ChunkedBodyLimit(get_wsgi_application())
