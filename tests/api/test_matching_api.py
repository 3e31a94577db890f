"""Matching through the API: ranked, explained offers for anonymous profiles; nothing stored."""

import json

from sqlalchemy import func, select

from matching.exchange import profile_from_dict
from tests import factories
from tests.api.conftest import assert_problem
from webapp.api.matching_api import _result
from webapp.api.models import ApiCall
from webapp.api.principal import TokenPrincipal
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.reference.referential import engine_referential
from webapp.shortlists.inputs import offer_pool
from webapp.shortlists.live import engine_for

PROFILE = {"id": "P-000123", "commune": "13201", "target_rome_codes": ["K2204"],
           "mobility": {"modes": ["walk", "public_transport"], "max_minutes": 45},
           "availability": {"min_hours_per_week": 15, "max_hours_per_week": 35}}


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables if table.name != ApiCall.__tablename__}


def test_offers_within_reach_come_ranked_and_explained_and_nothing_is_stored(api, partner):
    near = factories.offer(partner, insee="13201", title="Agent d'entretien de locaux",
                           hours_per_week=24)
    factories.offer(partner, insee="13201", title="Conducteur livreur", rome_code="N4105",
                    requires_driving_licence=True)
    before = row_counts()
    response = api.post("/api/v1/matching/offers", json={
        "profiles": [PROFILE, PROFILE | {"id": "P-2", "target_rome_codes": ["N4105"]}],
        "explain": True})
    assert response.status_code == 200, response.get_json()
    first, second = response.get_json()["results"]
    assert first["profile_id"] == "P-000123"
    assert first["matches"][0]["offer_id"] == near.reference
    assert first["matches"][0]["reasons"] and 0 < first["matches"][0]["score"] <= 100
    assert second["offers_excluded"] >= 1 and any("ermis" in reason for e in second["excluded"]
                                                    for reason in e["reasons"])
    assert row_counts() == before


def test_bad_profiles_are_named_and_nothing_runs(api):
    response = api.post("/api/v1/matching/offers", json={"profiles": [
        PROFILE, {"id": "P-9", "commune": "99999", "target_rome_codes": ["K2204"]},
        PROFILE | {"id": "P-8", "driving_licence": "oui"}, {"id": "P-7", "commune": "13201"}]})
    assert_problem(response, 422, "profiles[1].commune", "profiles[2].driving_licence",
                   "profiles[3].target_rome_codes")
    assert_problem(api.post("/api/v1/matching/offers", json={"profiles": [PROFILE] * 101}), 422,
                   "profiles")
    assert_problem(api.post("/api/v1/matching/offers", json={"profiles": [PROFILE, PROFILE]}), 422,
                   "profiles[1].id")
    assert_problem(api.post("/api/v1/matching/offers", json={"profiles": "P-1"}), 422, "profiles")


def test_profiles_ranked_together_get_the_same_answers_as_one_at_a_time(api, partner):
    """The endpoint ranks all posted profiles in one vectorised pass per territory: each answer
    equals the engine's ranking of that profile alone, in the order the profiles were posted."""
    for number, (insee, rome, hours) in enumerate([
            ("13201", "K2204", 24), ("13201", "G1602", 35), ("13004", "K2204", 20),
            ("13004", "N4105", 35), ("13201", "K2204", None), ("13205", "G1803", 28)]):
        factories.offer(partner, insee=insee, rome_code=rome, hours_per_week=hours,
                        title=f"Offre {number}", requires_driving_licence=rome == "N4105")
    profiles = [PROFILE | {"id": "Z-1"},
                PROFILE | {"id": "A-2", "commune": "13004", "driving_licence": True,
                           "vehicle": True, "mobility": {"modes": ["car"], "max_minutes": 40}},
                PROFILE | {"id": "M-3", "target_rome_codes": ["G1602", "G1803"],
                           "target_titles": ["Plongeur en restauration"]},
                PROFILE | {"id": "B-4", "commune": "13004", "target_rome_codes": ["N4105"]},
                PROFILE | {"id": "K-5", "availability": {"max_hours_per_week": 20}}]
    response = api.post("/api/v1/matching/offers",
                        json={"profiles": profiles, "top": 3, "explain": True})
    assert response.status_code == 200, response.get_json()
    together = response.get_json()["results"]
    assert [r["profile_id"] for r in together] == ["Z-1", "A-2", "M-3", "B-4", "K-5"]

    acting = TokenPrincipal.of(api.token)
    alone = []
    for data in profiles:
        record = profile_from_dict(data, engine_referential())
        engine = engine_for(factories.commune(record.commune).pole_id)
        indexed = offer_pool(engine, visible_clause(acting, "offer.view", Offer))
        ranked = engine.rank_offers(record, indexed.pool, top=3, explain=True)
        alone.append(_result(ranked, indexed.rows_by_reference, True))
    assert together == [json.loads(json.dumps(answer)) for answer in alone]
    assert sum(len(r["matches"]) for r in together) >= 3


def test_a_trip_to_check_inside_arles_says_so(api, partner):
    factories.offer(partner, insee="13004", title="Agent d'entretien de locaux", hours_per_week=24)
    person = PROFILE | {"commune": "13004", "mobility": {"modes": ["walk"], "max_minutes": 30}}
    response = api.post("/api/v1/matching/offers", json={"profiles": [person]})
    assert response.status_code == 200, response.get_json()
    [match] = response.get_json()["results"][0]["matches"]
    assert match["travel"]["to_check"] is True and match["components"]["reach"] == 0.5
    assert "Trajet à vérifier : même commune (Arles, 755 km²), lieu précis inconnu" in match["reasons"]
    # The person's village known, the job's not: still to check.
    town = api.post("/api/v1/matching/offers", json={"profiles": [person | {"postal_code": "13200"}]})
    assert town.get_json()["results"][0]["matches"][0]["travel"]["to_check"] is True
