"""Offers through the API: the pool's filters, pagination, bad input, the form's rules,
If-Match against lost updates, another organisation's records."""

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.api.conftest import assert_problem
from webapp.extensions import db
from webapp.offers.models import Offer, OfferEvent

NEW_OFFER = {"title": "Agent d'entretien de locaux H/F", "rome_code": "K2204", "commune": "13205",
             "contract": "CDD", "hours_per_week": 24, "schedule": {"early_morning": True},
             "positions": 2, "start_date": "2026-12-01", "external_ref": "RSA-42"}


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_the_list_uses_the_pools_filters(api, partner):
    factories.offer(partner, insee="13201", title="Agent d'entretien", contract="CDI")
    factories.offer(partner, insee="13201", rome_code="N1103", title="Préparateur de commandes",
                    contract="MIS")
    factories.offer(partner, insee="13201", title="Agent brouillon", status="draft")
    body = api.get("/api/v1/offers?contract=MIS").get_json()
    assert [item["title"] for item in body["items"]] == ["Préparateur de commandes"]
    assert {item["title"] for item in api.get("/api/v1/offers?family=K").get_json()["items"]} == {
        "Agent d'entretien"}
    nearby = api.get("/api/v1/offers?commune=13201&radius_km=5&sort=distance").get_json()["items"]
    assert {item["distance_km"] for item in nearby} == {0.0}
    assert len(api.get("/api/v1/offers?status=tous").get_json()["items"]) == 3


def test_the_cursor_walks_every_page_once(api, partner):
    made = {factories.offer(partner, title=f"Offre {n}").reference for n in range(5)}
    seen, path = [], "/api/v1/offers?page_size=2"
    while path:
        body = api.get(path).get_json()
        seen += [item["id"] for item in body["items"]]
        path = f"/api/v1/offers?page_size=2&cursor={body['next_cursor']}" if body["next_cursor"] else None
    assert sorted(seen) == sorted(made)


@pytest.mark.parametrize(("query", "field"), [
    ("page_size=100000", "page_size"), ("page_size=0", "page_size"), ("page_size=deux", "page_size"),
    ("couleur=bleu", "couleur"), ("contract=XYZ", "contract"), ("radius_km=7", "radius_km"),
    ("cursor=abc", "cursor"), ("rome_code=K22", "rome_code"), ("status=open&status=draft", "status"),
])
def test_a_bad_query_is_a_400_problem_naming_the_parameter(api, query, field):
    assert_problem(api.get(f"/api/v1/offers?{query}"), 400, field)


def test_a_cursor_of_another_search_is_refused(api, partner):
    for n in range(3):
        factories.offer(partner, title=f"Offre {n}")
    cursor = api.get("/api/v1/offers?page_size=1").get_json()["next_cursor"]
    assert_problem(api.get(f"/api/v1/offers?page_size=1&contract=CDD&cursor={cursor}"), 400, "cursor")


def test_reading_an_offer_gives_its_etag(api, partner):
    offer = factories.offer(partner)
    response = api.get(f"/api/v1/offers/{offer.reference}")
    assert response.status_code == 200 and response.get_json()["id"] == offer.reference
    assert response.headers["ETag"] == f'"{offer.reference}-v{offer.version}"'


def test_another_organisations_private_offer_is_a_404(api):
    other = factories.organisation("Mission locale", kind="mission_locale", pole_code="I")
    private = factories.offer(other, visibility="organisation")
    assert_problem(api.get(f"/api/v1/offers/{private.reference}"), 404)
    assert private.reference not in {i["id"] for i in api.get("/api/v1/offers").get_json()["items"]}


def test_creating_an_offer_follows_the_forms_rules(api, partner):
    company = factories.company("Nettoyage Provence", siret="12345678901234")
    response = api.post("/api/v1/offers", json=NEW_OFFER | {"employer": {"siret": "123 456 789 01234"},
                                                            "status": "open"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    offer = db.session.scalar(select(Offer).where(Offer.reference == body["id"]))
    assert offer.organisation_id == partner.id and offer.company_id == company.id
    assert (offer.status, offer.early_morning, offer.hours_per_week) == ("open", True, 24)
    assert response.headers["Location"] == f"/api/v1/offers/{offer.reference}"
    assert body["employer"]["siret"] == "12345678901234"


@pytest.mark.parametrize(("body", "status", "fields"), [
    ({**NEW_OFFER, "positions": "deux"}, 422, ["positions"]),
    ({**NEW_OFFER, "hours_per_week": "24"}, 422, ["hours_per_week"]),
    ({**NEW_OFFER, "schedule": {"night": "oui"}}, 422, ["schedule.night"]),
    ({**NEW_OFFER, "start_date": "01/12/2026"}, 422, ["start_date"]),
    ({**NEW_OFFER, "colour": "bleu"}, 422, ["colour"]),
    ({k: v for k, v in NEW_OFFER.items() if k != "title"}, 422, ["title"]),
    ({**NEW_OFFER, "commune": "99999"}, 422, ["commune"]),
    ({**NEW_OFFER, "rome_code": "Z9999"}, 422, ["rome_code"]),
    ({**NEW_OFFER, "start_date": "2026-01-05"}, 422, ["start_date"]),
    ({**NEW_OFFER, "positions": 2, "positions_filled": 3}, 422, ["positions_filled"]),
    ({**NEW_OFFER, "employer": {"siret": "00000000000000"}}, 422, ["employer.siret"]),
    ({**NEW_OFFER, "positions": 1e400}, 422, ["positions"]),
])
def test_bad_fields_are_named_and_nothing_is_written(api, body, status, fields):
    before = (count(Offer), count(OfferEvent))
    assert_problem(api.post("/api/v1/offers", json=body), status, *fields)
    assert (count(Offer), count(OfferEvent)) == before


def test_a_body_that_is_not_json_is_refused(api):
    before = count(Offer)
    headers = {"Content-Type": "application/json"}
    assert_problem(api.post("/api/v1/offers", data="{title: pas du json", headers=headers), 400)
    assert_problem(api.post("/api/v1/offers", data="[1, 2]", headers=headers), 400)
    assert_problem(api.post("/api/v1/offers", data="title=x"), 415)
    assert count(Offer) == before


def test_an_external_reference_is_unique_in_the_organisation(api):
    assert api.post("/api/v1/offers", json=NEW_OFFER).status_code == 201
    assert_problem(api.post("/api/v1/offers", json=NEW_OFFER), 422, "external_ref")


def test_an_update_needs_if_match_and_a_stale_one_is_412(api, partner):
    offer = factories.offer(partner, title="Agent d'entretien")
    path = f"/api/v1/offers/{offer.reference}"
    tag = api.get(path).headers["ETag"]
    assert_problem(api.patch(path, json={"title": "Sans If-Match"}), 428)
    first = api.patch(path, json={"title": "Agent d'entretien (matin)"}, headers={"If-Match": tag})
    assert first.status_code == 200 and first.headers["ETag"] != tag
    stale = api.patch(path, json={"title": "Écrase tout"}, headers={"If-Match": tag})
    body = assert_problem(stale, 412)
    assert body["changes"]
    assert db.session.get(Offer, offer.id).title == "Agent d'entretien (matin)"


def test_an_update_moves_the_status_and_keeps_the_rules(api, partner):
    offer = factories.offer(partner)
    path = f"/api/v1/offers/{offer.reference}"
    tag = api.get(path).headers["ETag"]
    assert_problem(api.patch(path, json={"positions": 0}, headers={"If-Match": tag}), 422, "positions")
    assert_problem(api.patch(path, json={"title": None}, headers={"If-Match": tag}), 422, "title")
    done = api.patch(path, json={"status": "suspended"}, headers={"If-Match": tag})
    assert done.status_code == 200 and done.get_json()["status"] == "suspended"
    tag = done.headers["ETag"]
    assert_problem(api.patch(path, json={"status": "draft"}, headers={"If-Match": tag}), 422, "status")


def test_another_organisations_shared_offer_is_read_only(api):
    other = factories.organisation("France Travail Marseille", pole_code="I")
    shared = factories.offer(other)
    path = f"/api/v1/offers/{shared.reference}"
    assert api.get(path).status_code == 200
    assert_problem(api.patch(path, json={"title": "x"}, headers={"If-Match": "*"}), 403)


def test_unknown_addresses_and_methods_are_problems(api):
    assert_problem(api.get("/api/v1/nimporte-quoi"), 404)
    response = api.call("delete", "/api/v1/offers")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_the_api_takes_and_shows_the_postal_code(api, partner):
    body = {"title": "Agent d'entretien H/F", "rome_code": "K2204", "commune": "13004",
            "postal_code": "13200"}
    created = api.post("/api/v1/offers", json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["postal_code"] == "13200"
    refused = api.post("/api/v1/offers", json=body | {"postal_code": "13001"})
    assert refused.status_code == 422
    assert "hors de la commune Arles" in str(refused.get_json())
