"""record_url gives the very URL url_for gives, whatever the ids, arguments and query values."""

from flask import url_for

from webapp.core.record_urls import record_url


def test_record_urls_are_the_urls_url_for_builds(app):
    calls = [("cellule.suggested_offers", {"proposal_id": 12}),
             ("cellule.suggested_offers", {"proposal_id": 7}),
             ("cellule.add", {"session_id": 3, "proposal": 45}),
             ("cellule.add", {"session_id": 3, "proposal": None}),
             ("cellule.add", {"session_id": 31, "proposal": 4}),
             ("cellule.agenda", {"session_id": 3, "complet": 1}),
             ("cellule.agenda_section", {"session_id": 3, "key": "events"}),
             ("cellule.agenda_section", {"session_id": 3, "key": "pooled"})]
    with app.test_request_context("/"):
        expected = [url_for(endpoint, **values) for endpoint, values in calls]
        assert [record_url(endpoint, **values) for endpoint, values in calls] == expected
        assert expected[2] == "/cellule/seances/3/lignes?proposal=45"  # the ids put in
        assert [record_url(endpoint, **values) for endpoint, values in calls] == expected
