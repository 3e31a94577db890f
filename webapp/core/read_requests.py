"""A page view ends its transaction with COMMIT, not ROLLBACK.

psycopg forgets every statement it prepared on a connection when that connection rolls back (and
has the server drop them all): a request that only read, closed by the usual ROLLBACK, made the
next requests on its connection parse and plan every statement again, whatever page they were
for. Committing a transaction that wrote nothing costs the same one round trip and writes
nothing to disk, and the connection keeps its prepared statements (psycopg prepares a statement
after its fifth run on a connection; PostgreSQL then reuses its plan when that plan is no dearer).

Only a GET or HEAD answered without error, whose session holds no unflushed change, is
committed here; anything else ends as before (the session's removal rolls back). The access-log
rows a view left for the end of the request (profiles/shown.py) are written by then and are
committed with it.
"""

from flask import Flask, Response, request

from webapp.extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD"})


def commit_page_view(response: Response) -> Response:
    """The after_request hook: commit a successful page view's transaction, if one is open."""
    session = db.session()
    if (request.method in SAFE_METHODS and response.status_code < 400 and session.in_transaction()
            and not (session.new or session.dirty or session.deleted)):
        session.commit()
    return response


def init_app(app: Flask) -> None:
    """Register before the hooks that write into the request's transaction (Flask runs the
    after_request hooks last registered first), so that this one runs after them."""
    app.after_request(commit_page_view)
