"""gunicorn settings read from src/ (make run, make bench, production): metrics across
worker processes. Command-line options still win.

prometheus-client adds up the counters of all worker processes through files in
PROMETHEUS_MULTIPROC_DIR; the directory is emptied when the server starts and a dead
worker's files are marked, as its documentation requires. Without the variable a private
directory is made. The variable must be set before prometheus-client is first imported,
so it is set here, when gunicorn reads this file, before any worker starts.
"""

import os
import shutil
import tempfile

_directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _directory:
    shutil.rmtree(_directory, ignore_errors=True)
    os.makedirs(_directory, mode=0o700)
else:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="oi-metrics-")

from prometheus_client import multiprocess  # noqa: E402 - after the variable is set


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


if os.environ.get("OI_LOG_FORMAT") == "json":
    # The application logs one JSON line per request (without path or address); gunicorn's
    # own access log would repeat it in another format.
    accesslog = None
