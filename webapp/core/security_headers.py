"""Headers every response carries: a strict Content-Security-Policy and friends, and
`Cache-Control: no-store` on whatever a logged-in person sees and on every export."""

from flask import Flask, Response, request, session

# No inline script, style, eval or foreign origin: templates/ and static/ are written for it
# (behaviour in static/js/, htmx configured by the <meta name="htmx-config"> of base.html).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"
EXPORT_MIMETYPES = ("text/csv", "application/pdf", "application/json")


def add_security_headers(response: Response) -> Response:
    """The after_request hook: security headers always, no-store where a person may show."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if must_not_be_stored(response):
        headers["Cache-Control"] = "no-store"
    return response


def must_not_be_stored(response: Response) -> bool:
    """Every answer to a logged-in person (static files aside) and every download."""
    if request.endpoint == "static":
        return False
    logged_in = session.get("_user_id") is not None
    download = (response.mimetype in EXPORT_MIMETYPES
                or "attachment" in response.headers.get("Content-Disposition", ""))
    return logged_in or download


def init_app(app: Flask) -> None:
    """Wire the hook."""
    app.after_request(add_security_headers)
