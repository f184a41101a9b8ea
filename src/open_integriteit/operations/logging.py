"""Structured logs: one JSON object per line (OI_LOG_FORMAT=json), with a request id.

Only whitelisted fields are written: never the client address, never a URL path (paths
hold report references), never an exception's message (it may quote input). A traceback is
kept as its frames (file, line, function) and the exception's type.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import traceback
from typing import Any

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("oi_request_id", default="")

EXTRA_FIELDS = ("view", "method", "status", "duration_ms", "task")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._message(record),
        }
        rid = getattr(record, "request_id", "") or request_id.get()
        if rid:
            entry["request_id"] = rid
        for name in EXTRA_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, (str, int, float)):
                entry[name] = value
        request = getattr(record, "request", None)
        if request is not None:
            match = getattr(request, "resolver_match", None)
            entry["view"] = match.view_name if match else "unresolved"
            entry["method"] = request.method
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
            entry["stack"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(record.exc_info[2])
            ]
        return json.dumps(entry, ensure_ascii=False)

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        if hasattr(record, "request"):
            # Django's request loggers put the path in the arguments: say only what happened.
            return f"response {getattr(record, 'status_code', '')}".strip()
        return record.getMessage()
