"""gunicorn settings read from src/ (make run, make bench, production): metrics across
worker processes. Command-line options still win.

prometheus-client adds up the counters of all worker processes through files in
PROMETHEUS_MULTIPROC_DIR; the directory is emptied at start and a dead worker's files are
marked, as its documentation requires. Without the variable a private directory is made.
"""

import os
import shutil
import tempfile


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory, mode=0o700)
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="oi-metrics-")


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


if os.environ.get("OI_LOG_FORMAT") == "json":
    # The application logs one JSON line per request (without path or address); gunicorn's
    # own access log would repeat it in another format.
    accesslog = None
