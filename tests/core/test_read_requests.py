"""A page view that succeeded ends its transaction with COMMIT (psycopg keeps the connection's
prepared statements; a ROLLBACK drops them all); anything else still ends with a rollback."""

from flask import Response
from sqlalchemy import event

from tests import factories
from tests.offers.test_offer_pool import _departement_cre
from webapp.core.read_requests import commit_page_view


def _ends_of(database, client, method: str, url: str) -> tuple[list[str], int]:
    """How the request's session transaction ended ("commit" / "rollback"), and its status."""
    database.session.commit()
    ends: list[str] = []
    session = database.session()

    def committed(_session):
        ends.append("commit")

    def rolled_back(_session, _transaction):
        ends.append("rollback")

    event.listen(session, "after_commit", committed)
    event.listen(session, "after_soft_rollback", rolled_back)
    try:
        answer = client.open(url, method=method)
    finally:
        event.remove(session, "after_commit", committed)
        event.remove(session, "after_soft_rollback", rolled_back)
    return ends, answer.status_code


def test_a_page_that_only_reads_commits_its_transaction(client, login, database):
    org, cre = _departement_cre()
    factories.offer(org, title="Cariste")
    login(cre)
    ends, status = _ends_of(database, client, "GET", "/offres/")
    assert status == 200
    assert ends == ["commit"]


def test_a_page_answering_an_error_is_not_committed(client, login, database):
    _org, cre = _departement_cre()
    login(cre)
    ends, status = _ends_of(database, client, "GET", "/offres/999999")
    assert status == 404
    assert "commit" not in ends


def test_an_unflushed_change_is_never_committed_by_a_page_view(app, database):
    org = factories.organisation("Structure avant")
    database.session.commit()
    for method in ("GET", "POST"):
        with app.test_request_context("/", method=method):
            org.name = "Structure modifiée"  # a change left unflushed
            commit_page_view(Response("", 200))
            database.session.rollback()
            assert database.session.get(type(org), org.id).name == "Structure avant"


def test_a_form_post_is_left_to_its_view(app, database):
    org = factories.organisation("Structure avant")
    database.session.commit()
    with app.test_request_context("/", method="POST"):
        org.name = "Structure modifiée"
        database.session.flush()  # flushed, not committed: the view decides
        commit_page_view(Response("", 200))
        database.session.rollback()
        assert database.session.get(type(org), org.id).name == "Structure avant"
