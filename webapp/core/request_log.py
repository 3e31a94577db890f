"""One log line per request, and a request id on every line written while it runs.

The id comes from the proxy's `X-Request-ID` when it is a sane token (so nginx's and ours
match), else a new one; it is echoed in the answer. The line carries ids only: the method,
the path without its query string, the endpoint, the status, the duration and the user's id,
never a name, an address or a form value. In production (`LOG_FORMAT = "json"`) every record
is one JSON object per line for the log collector; in development, a readable line.
"""

import json
import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, request
from sqlalchemy import inspect

log = logging.getLogger("passerelle.requests")

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The attributes every LogRecord has: what is left on a record is the caller's `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
OUR_HANDLER = "_passerelle_handler"


def current_request_id() -> str:
    """The id of the request being served, or "-" outside a request."""
    if has_request_context():
        return getattr(g, "request_id", "-")
    return "-"


class RequestIdFilter(logging.Filter):
    """Stamps the request id on every record, whoever writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update({key: value for key, value in vars(record).items()
                      if key not in STANDARD_ATTRIBUTES})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


READABLE_FORMAT = "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"


def configure_logging(app: Flask) -> None:
    """Give the root logger one handler in the chosen format (once: tests build many apps)."""
    if app.testing or any(getattr(h, OUR_HANDLER, False) for h in logging.getLogger().handlers):
        return
    handler = logging.StreamHandler()
    setattr(handler, OUR_HANDLER, True)
    handler.addFilter(RequestIdFilter())
    if app.config.get("LOG_FORMAT") == "json":
        handler.setFormatter(JsonLinesFormatter())
    else:
        handler.setFormatter(logging.Formatter(READABLE_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))


def _start() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _user_id(user) -> int | None:
    """The account's id, read without reloading an account the view's commit expired."""
    state = inspect(user, raiseerr=False) if user is not None else None
    if state is not None and state.identity:
        return state.identity[0]
    return getattr(user, "id", None)


def _finish(response):
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "-")
    started = g.get("request_started")
    user = g.get("_login_user")  # set by Flask-Login only when the request looked at the user
    log.info(
        "%s %s %s", request.method, request.path, response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "user_id": _user_id(user),
        },
    )
    return response


def init_app(app: Flask) -> None:
    configure_logging(app)
    app.before_request(_start)
    app.after_request(_finish)
