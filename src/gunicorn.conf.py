"""gunicorn's settings for Open Integriteit. gunicorn reads this file by itself when it is
started from ``src/`` (``make run``, ``make bench`` and the production command in the
README); command-line options still win.

- ``umask 077``: whatever the server writes is readable by its own user only.
- A random key for the hashed client addresses of the rate limits, made here in the
  master process, in memory only, and inherited by every worker (ADR 0004).
- Start-up is refused while the database, files, mails or keys are readable by others.
- A request whose body will not be read to its end (too large, or chunked) gets its
  connection closed after the answer instead of drained.
- Metrics across worker processes: prometheus-client adds up the counters of all workers
  through files in PROMETHEUS_MULTIPROC_DIR; the directory is emptied when the server
  starts and a dead worker's files are marked, as its documentation requires. Without the
  variable a private directory is made. The variable must be set before prometheus-client
  is first imported, so it is set here, before any worker starts.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from typing import Any

umask = 0o077
os.umask(umask)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "open_integriteit.conf.dev")
os.environ.setdefault("OI_CLIENT_HASH_KEY", secrets.token_urlsafe(32))

_directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _directory:
    shutil.rmtree(_directory, ignore_errors=True)
    os.makedirs(_directory, mode=0o700)
else:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="oi-metrics-")

from prometheus_client import multiprocess  # noqa: E402 - after the variable is set


def on_starting(server: Any) -> None:
    from open_integriteit.core.file_permissions import exposed_paths

    exposed = exposed_paths()
    if exposed:
        raise RuntimeError(
            "Open Integriteit does not start while its data can be read by other users:\n"
            + "\n".join(f"  {item}" for item in exposed)
        )


def pre_request(worker: Any, req: Any) -> None:
    from open_integriteit.core.request_limits import gunicorn_pre_request

    gunicorn_pre_request(req)


def child_exit(server: Any, worker: Any) -> None:
    multiprocess.mark_process_dead(worker.pid)


if os.environ.get("OI_LOG_FORMAT") == "json":
    # The application logs one JSON line per request (without path or address); gunicorn's
    # own access log would repeat it in another format.
    accesslog = None
