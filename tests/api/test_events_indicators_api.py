"""Employment events and indicators through the API."""

from datetime import timedelta

from sqlalchemy import func, select

from tests import factories
from tests.api.conftest import assert_problem
from webapp.core import clock
from webapp.dashboard.indicators import Selection, indicator_result
from webapp.dashboard.indicators.period import preset_period
from webapp.events.models import EmploymentEvent
from webapp.extensions import db


def _event(org, insee="13201", days=7, **values) -> EmploymentEvent:
    commune = factories.commune(insee)
    event = EmploymentEvent(kind="forum", title=values.pop("title", "Forum de l'emploi"),
                            on=clock.today() + timedelta(days=days), commune_insee=insee,
                            pole_id=commune.pole_id, organisation_id=org.id, **values)
    db.session.add(event)
    db.session.flush()
    return event


def _forum(**changes) -> dict:
    return {"kind": "job_dating", "title": "Job dating hôtellerie", "commune": "13201",
            "on": (clock.today() + timedelta(days=12)).isoformat(), "start_time": "09:30",
            "sector": "G", "address": "Docks Village"} | changes


def test_the_territorys_events_are_listed_and_read(api, partner):
    other = factories.organisation("Mission locale Marseille", kind="mission_locale")
    ours = _event(other, days=3)
    later = _event(partner, days=20, title="Rallye entreprises")
    _event(partner, days=-5, title="Passé")
    arles = _event(factories.organisation(pole_code="VII"), insee="13004")
    listed = api.get("/api/v1/events").get_json()["items"]
    assert [e["id"] for e in listed] == [ours.id, later.id]
    assert listed[0]["organisation"] == "Mission locale Marseille" and "invitations" not in listed[0]
    soon = api.get(f"/api/v1/events?end={(clock.today() + timedelta(days=5)).isoformat()}")
    assert [e["id"] for e in soon.get_json()["items"]] == [ours.id]
    assert api.get(f"/api/v1/events/{later.id}").get_json()["title"] == "Rallye entreprises"
    assert_problem(api.get(f"/api/v1/events/{arles.id}"), 404)
    assert_problem(api.get("/api/v1/events/999999"), 404)
    assert_problem(api.get("/api/v1/events?start=demain"), 400, "start")


def test_an_event_is_created_with_the_forms_rules_and_a_clash_asks_for_confirmation(api):
    response = api.post("/api/v1/events", json=_forum())
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert (created["start_time"], created["sector"], created["commune_name"]) == (
        "09:30", "G", "Marseille 1er Arrondissement (13001)")
    assert response.headers["Location"] == f"/api/v1/events/{created['id']}"
    clash = assert_problem(api.post("/api/v1/events", json=_forum(title="Autre")), 409)
    assert clash["same_day"] == [created["id"]]
    assert api.post("/api/v1/events", json=_forum(title="Autre", confirmed=True)).status_code == 201
    assert_problem(api.post("/api/v1/events", json=_forum(on="2020-01-01", commune="75056")),
                   422, "on", "commune")
    assert_problem(api.post("/api/v1/events", json=_forum(start_time="25:00")), 422, "start_time")
    # another territory's commune: the token organises events on its own territory only
    assert_problem(api.post("/api/v1/events", json=_forum(commune="13004")), 403)
    assert db.session.scalar(select(func.count()).select_from(EmploymentEvent)) == 2


def test_indicators_are_the_dashboards_with_small_cells_masked(api, partner):
    for _ in range(3):
        factories.profile(partner, job_ready=True, status="accompaniment")
    response = api.get("/api/v1/indicators?family=people")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["territory"].startswith("Pôle I") and body["masks"]["< 5"]
    ready = next(i for i in body["indicators"] if i["key"] == "people.ready")
    assert ready["headlines"][0] == {"label": "personnes prêtes à l'emploi", "value": "< 5",
                                     "detail": ready["headlines"][0]["detail"], "masked": True}
    assert ready["has_masked"] and "3" not in {cell for row in ready["table"]["rows"]
                                               for cell in row[1:]}
    # the same figures as the dashboard shows a CRE of the organisation
    cre = factories.user((partner, "cre"))
    selection = Selection(factories.pole("I").id, None, preset_period("30j", clock.today()))
    page = indicator_result(cre, "people.ready", selection, clock.now())
    assert ready["table"]["rows"] == [list(row) for row in page.table.rows]
    assert {i["family"] for i in body["indicators"]} == {"people"}


def test_indicators_of_a_territory_or_period_out_of_reach(api):
    mine = api.get("/api/v1/indicators?mine=true&period=trimestre")
    assert mine.status_code == 200, mine.get_data(as_text=True)
    assert_problem(api.get("/api/v1/indicators?territory=VII"), 404)
    assert_problem(api.get("/api/v1/indicators?territory=ZZ"), 404)
    assert_problem(api.get("/api/v1/indicators?period=perso&start=2026-10-01"), 400, "start")
    assert_problem(api.get("/api/v1/indicators?period=perso&start=2026-10-09&end=2026-10-01"),
                   400, "end")
    assert_problem(api.get("/api/v1/indicators?period=semaine"), 400, "period")
    custom = api.get("/api/v1/indicators?period=perso&start=2026-10-01&end=2026-10-31&family=offers")
    assert custom.get_json()["period"]["start"] == "2026-10-01"


def test_the_sites_input_check_answers_the_api_with_a_problem(api):
    """The app-wide check of integer parameters (core/input_guard.py) runs before the API's
    views: under /api/v1 its refusal is problem+json too, not the site's HTML page."""
    body = assert_problem(api.get("/api/v1/needs?company_id=abc"), 400)
    assert "company_id" in body["detail"]
    assert_problem(api.get("/api/v1/offers?q=a%00b"), 400)
    for path in ("/api/v1/offers/O-2026%00", "/api/v1/needs/B-1%00", "/api/v1/reference/rome/K%002"):
        assert_problem(api.get(path), 400)
