"""Hiring needs through the API: the territory's needs, one need, a need posted for a company
the organisation follows (the employer form's rules, the queue, the CREs told)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.api.conftest import assert_problem
from webapp.core import clock
from webapp.core.notify import Notification
from webapp.extensions import db
from webapp.needs.models import HiringNeed, NeedEvent


def _body(firm, **changes) -> dict:
    return {"company_id": firm.id, "rome_code": "K2204", "commune": "13201", "positions": 2,
            "hours_per_week": 24, "contract": "CDD", "schedule": {"early_morning": True},
            "start_date": (clock.today() + timedelta(days=10)).isoformat(),
            "comment": "Deux agents pour un nouveau marché."} | changes


@pytest.fixture
def followed(partner):
    """A company the partner organisation follows in the prospection plan."""
    firm = factories.company("Nettoyage du Vieux-Port", siret="40000000000017")
    factories.target(firm, org=partner, pole_code="I", stage="contacted")
    return firm


def test_the_territorys_needs_are_listed_and_read_without_people(api, partner):
    firm = factories.company("Hôtel du Panier")
    mine = factories.need(factories.organisation(kind="employer"), firm, comment="Urgent")
    elsewhere = factories.need(factories.organisation(kind="employer", pole_code="VII"), firm,
                               insee="13004")
    closed = factories.need(factories.organisation(kind="employer"), firm, status="declined")
    listed = api.get("/api/v1/needs").get_json()["items"]
    assert [n["id"] for n in listed] == [mine.reference]
    assert listed[0]["company"] == {"id": firm.id, "name": "Hôtel du Panier", "siret": firm.siret}
    assert "author" not in listed[0] and "cre" not in listed[0]
    every = api.get("/api/v1/needs?status=tous").get_json()["items"]
    assert {n["id"] for n in every} == {closed.reference, mine.reference}
    assert api.get(f"/api/v1/needs/{mine.reference}").get_json()["comment"] == "Urgent"
    # another territory's need, an unknown or malformed reference: 404 alike
    for reference in (elsewhere.reference, "B-99999", "nimportequoi"):
        assert_problem(api.get(f"/api/v1/needs/{reference}"), 404)
    assert_problem(api.get("/api/v1/needs?status=perdu"), 400, "status")


def test_a_need_is_posted_for_a_followed_company_with_the_forms_rules(api, partner, followed):
    cre = factories.user((partner, "cre", "I"))
    response = api.post("/api/v1/needs", json=_body(followed))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/needs/{body['id']}"
    need = db.session.get(HiringNeed, int(body["id"].removeprefix("B-")))
    assert (need.status, need.positions, need.contract, need.early_morning) == (
        "waiting", 2, "CDD", True)
    assert need.company_id == followed.id and need.pole_id == factories.pole("I").id
    posted = db.session.scalar(select(NeedEvent).where(NeedEvent.need_id == need.id))
    assert posted.kind == "posted" and "API – Extranet de test" in posted.note
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.recipient_id == cre.id, Notification.record_id == need.id)) == 1
    assert api.get(f"/api/v1/needs/{body['id']}").get_json()["id"] == body["id"]


@pytest.mark.parametrize(("changes", "status", "fields"), [
    ({"rome_code": "Z9999"}, 422, ["rome_code"]),
    ({"commune": "75056"}, 422, ["commune"]),
    ({"hours_per_week": 60}, 422, ["hours_per_week"]),
    ({"start_date": "2020-01-01"}, 422, ["start_date"]),
    ({"positions": "deux"}, 422, ["positions"]),
    ({"contract": "PMSMP"}, 422, ["contract"]),
    ({"company_id": 987654}, 422, ["company_id"]),
    ({"salaire": "SMIC"}, 422, ["salaire"]),
])
def test_a_bad_need_is_refused_field_by_field_and_nothing_is_written(api, followed, changes,
                                                                     status, fields):
    before = db.session.scalar(select(func.count()).select_from(HiringNeed))
    assert_problem(api.post("/api/v1/needs", json=_body(followed, **changes)), status, *fields)
    assert db.session.scalar(select(func.count()).select_from(HiringNeed)) == before


def test_only_a_company_the_organisation_follows_gets_needs(api, partner):
    other = factories.company("Suivie par un autre")
    factories.target(other, pole_code="I")
    dropped = factories.company("Abandonnée")
    factories.target(dropped, org=partner, pole_code="I", stage="dropped")
    unfollowed = factories.company("Jamais prospectée")
    for firm in (other, dropped, unfollowed):
        body = assert_problem(api.post("/api/v1/needs", json=_body(firm)), 403)
        assert "ne suit pas" in body["detail"]
    assert db.session.scalar(select(func.count()).select_from(HiringNeed)) == 0


def test_a_need_posted_through_the_api_keeps_its_postal_code_checked_like_the_form(api, partner,
                                                                                  followed):
    created = api.post("/api/v1/needs", json=_body(followed, postal_code="13001"))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["postal_code"] == "13001"
    need = db.session.get(HiringNeed, int(created.get_json()["id"].removeprefix("B-")))
    assert need.postal_code == "13001"
    # a postal code of another commune (Arles for Marseille 1er) names the field, writes nothing
    before = db.session.scalar(select(func.count()).select_from(HiringNeed))
    assert_problem(api.post("/api/v1/needs", json=_body(followed, postal_code="13200")), 422,
                   "postal_code")
    assert_problem(api.post("/api/v1/needs", json=_body(followed, postal_code="13 01")), 422,
                   "postal_code")
    assert db.session.scalar(select(func.count()).select_from(HiringNeed)) == before
