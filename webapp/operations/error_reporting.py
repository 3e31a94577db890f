"""Errors reported to Sentry when SENTRY_DSN is set, with nothing personal in them.

Sentry's own `data_collection` settings keep the user's address, IP and request bodies out; the
scrubber below also drops what a request carried (form fields, query values, headers other
than a few technical ones), keeps only the user's id, and masks e-mail addresses in messages,
exception texts and breadcrumbs: a profile label or an employer's address typed in a form never
leaves the server.
"""

import logging
import re
from typing import Any

log = logging.getLogger(__name__)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
KEPT_HEADERS = {"host", "user-agent", "x-request-id", "accept", "content-type", "content-length"}
MASK = "[retiré]"


def _mask(text: Any) -> Any:
    return EMAIL.sub(MASK, text) if isinstance(text, str) else text


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """The event as it may leave the server: ids and technical context only."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "query_string", "env"):
            if key in request:
                request[key] = MASK
        headers = request.get("headers") or {}
        request["headers"] = {name: value for name, value in headers.items()
                              if name.lower() in KEPT_HEADERS}
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    if "message" in event:
        event["message"] = _mask(event["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry["message"] = _mask(logentry.get("message"))
        logentry["params"] = []
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = _mask(exception.get("value"))
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)  # local variables may hold a person's record
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb["message"] = _mask(crumb.get("message"))
        crumb.pop("data", None)
    return event


def init_error_reporting(app) -> bool:
    """Start Sentry when the app's SENTRY_DSN is set; True when it was started."""
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[FlaskIntegration()],
        # Nothing about the user but their id, no request bodies, no local variables, no query
        # parameters of SQL statements (the scrubber below then removes what is left).
        data_collection={"user_info": False, "http_bodies": [], "stack_frame_variables": False,
                         "database_query_data": False, "queues": False},
        before_send=scrub_event,
        before_breadcrumb=lambda crumb, hint: scrub_event(
            {"breadcrumbs": {"values": [crumb]}})["breadcrumbs"]["values"][0],
        environment=app.config.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=0.0,
        transport=app.config.get("SENTRY_TRANSPORT"),
    )
    log.info("Rapport d'erreurs vers Sentry activé")
    return True
