"""Structured logs: one JSON object per line, without personal data.

Kept: time, level, logger, message, and for request records the method, the path (never the query string) and
the status. Left out: the request object (headers, cookies, addresses), exception messages (a database error
quotes the values it refused). An exception keeps its type and stack, which is what finding a bug needs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback

from gunicorn.glogging import Logger as GunicornLogger

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _stack(exc_info) -> list[str]:
    _type, _value, tb = exc_info
    return [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)]


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            data["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            data["method"] = getattr(request, "method", None)
            data["path"] = request.path
        http = getattr(record, "http", None)
        if isinstance(http, dict):
            data.update(http)
        if record.exc_info and record.exc_info[0] is not None:
            exc_type = record.exc_info[0]
            data["exception"] = {
                "type": f"{exc_type.__module__}.{exc_type.__qualname__}",
                "stack": _stack(record.exc_info),
            }
        elif getattr(record, "exception_type", None):
            data["exception"] = {"type": record.exception_type}
        return json.dumps(data, ensure_ascii=False, default=str)


class QuietExpectedErrors(logging.Filter):
    """A refused request (4xx: forbidden, bad request, CSRF) or a 503 while the database is away is an expected
    outcome, logged as one line: its traceback would bury the real errors. The exception type is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        expected = record.name == "django.security.csrf" or (status is not None and (status < 500 or status == 503))
        if expected and record.exc_info:
            exc_type = record.exc_info[0]
            if exc_type is not None:
                record.exception_type = f"{exc_type.__module__}.{exc_type.__qualname__}"
            record.exc_info = None
            record.exc_text = None
        return True


class GunicornJsonLogger(GunicornLogger):
    """gunicorn's access log as JSON: method, path (no query string), status, bytes, duration. No client address,
    no user agent, no referrer: they are personal data and the proxy keeps its own log if the law asks for one."""

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog and not self.cfg.logconfig_dict:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        http = {
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info("%s %s %s", http["method"], http["path"], http["status"], extra={"http": http})
