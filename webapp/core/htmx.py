"""Small helpers for answering htmx requests."""

from flask import Response, request


def is_fragment_request() -> bool:
    """True for an htmx request that wants a fragment (not boosted, not a history restore)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def vary_on_htmx(response: Response) -> Response:
    """Tell caches that the answer differs for htmx requests."""
    response.vary.add("HX-Request")
    return response
