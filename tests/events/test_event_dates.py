"""A possible but unusual date on the event form is asked to be confirmed, not refused."""

from sqlalchemy import func, select

from tests.cellule.cellule_world import build_world
from webapp.events.models import EmploymentEvent


def test_an_unusual_event_date_is_confirmed(client, login, database):
    world = build_world()
    login(world.animateur)
    typed = {"kind": "forum", "title": "Forum de l'hôtellerie", "on": "2028-01-10",
             "commune_insee": "13201", "address": "Palais du Pharo"}
    asked = client.post("/cellule/evenements/nouveau", data=typed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert "Date : le 10/01/2028, est-ce bien la date prévue ? Confirmez-la." in page
    assert 'name="date_confirmed" type="hidden" value="oui"' in page
    assert 'value="2028-01-10"' in page and "Palais du Pharo" in page  # what was typed stays
    assert database.session.scalar(select(func.count(EmploymentEvent.id))) == 0
    confirmed = client.post("/cellule/evenements/nouveau", data={**typed, "date_confirmed": "oui"})
    assert confirmed.status_code == 303
    event = database.session.scalars(select(EmploymentEvent)).one()
    assert event.on.isoformat() == "2028-01-10"
    # long past, within the horizon: asked too
    past = client.post("/cellule/evenements/nouveau", data={**typed, "on": "2026-06-01"})
    assert past.status_code == 422
    assert "Date : le 01/06/2026, est-ce bien la bonne date ? Confirmez-la." in past.text
