"""Work done by the worker that answered a request, once its answer is sent.

A page that would make its reader wait for something slow to compute but worth keeping (the
caseload's offers in reach on a fresh worker) answers at once with « calcul en cours » and
leaves the computation here: the reader has the page, this worker fills its own caches right
after, and its next answers find them. A task queue would not do: its consumer is another
process, whose memory the web workers do not share.
"""

import logging
from collections.abc import Callable

from flask import Response, current_app

from webapp.extensions import db

log = logging.getLogger(__name__)


def after_response(response: Response, work: Callable[[], None]) -> Response:
    """Run `work()` once `response` is sent, in a fresh application context (its own database
    session, rolled back after); a failure is logged, never raised to anyone."""
    app = current_app._get_current_object()

    def run() -> None:
        with app.app_context():
            try:
                work()
            except Exception:
                log.exception("Calcul après réponse en échec")
            finally:
                db.session.rollback()
                db.session.remove()

    response.call_on_close(run)
    return response
