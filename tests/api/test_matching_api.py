"""Matching through the API: ranked, explained offers for anonymous profiles; nothing stored."""

from sqlalchemy import func, select

from tests import factories
from tests.api.conftest import assert_problem
from webapp.api.models import ApiCall
from webapp.extensions import db

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
