"""Adding a session on, or moving one to, a possible but unusual day is asked to be confirmed,
not refused."""

from sqlalchemy import select

from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.calendar import local_day, next_session
from webapp.cellule.models import CelluleSession


def test_an_unusual_session_day_is_confirmed(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    database.session.commit()
    login(world.animateur)
    url = f"/cellule/seances/{session.id}/en-tete"
    typed = {"day": "2027-09-07", "start": "09:30", "place": "Salle du Pharo",
             "summary": "Points généraux", "version": str(session.version)}
    asked = client.post(url, data=typed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert "Date : le 07/09/2027, est-ce bien la date prévue ? Confirmez-la." in page
    assert 'name="date_confirmed" type="hidden" value="oui"' in page
    assert 'value="2027-09-07"' in page and "Salle du Pharo" in page  # what was typed stays
    database.session.refresh(session)
    assert local_day(session.scheduled_at).year == 2026 and session.place != "Salle du Pharo"
    absurd = client.post(url, data={**typed, "day": "0001-01-01"})
    assert absurd.status_code == 303  # a plain POST: refused, flashed, nothing written
    database.session.refresh(session)
    assert local_day(session.scheduled_at).year == 2026
    confirmed = client.post(url, data={**typed, "date_confirmed": "oui"})
    assert confirmed.status_code == 303
    database.session.refresh(session)
    assert local_day(session.scheduled_at).isoformat() == "2027-09-07"
    assert session.place == "Salle du Pharo"


def test_adding_a_session_on_an_unusual_day_is_confirmed(client, login, database):
    world = build_world()
    database.session.commit()
    login(world.animateur)
    url = f"/cellule/{world.cellule.id}/seances"
    typed = {"day": "2027-09-07", "start": "09:30", "place": "Salle du Pharo"}

    def added() -> list:
        return database.session.scalars(select(CelluleSession.place).where(
            CelluleSession.cellule_id == world.cellule.id,
            CelluleSession.place == "Salle du Pharo")).all()

    asked = client.post(url, data=typed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert "Date : le 07/09/2027, est-ce bien la date prévue ? Confirmez-la." in page
    assert 'name="date_confirmed" type="hidden" value="oui"' in page
    assert 'value="2027-09-07"' in page and "Salle du Pharo" in page  # what was typed stays
    assert added() == []
    confirmed = client.post(url, data={**typed, "date_confirmed": "oui"})
    assert confirmed.status_code == 303
    assert added() == ["Salle du Pharo"]


def test_adding_a_session_on_a_usual_day_is_not_asked(client, login, database):
    world = build_world()
    database.session.commit()
    login(world.animateur)
    usual = (NOW.date().replace(day=1)).isoformat()  # within the month: nothing to confirm
    answer = client.post(f"/cellule/{world.cellule.id}/seances",
                         data={"day": usual, "start": "09:30", "place": "Salle du Pharo"})
    assert answer.status_code == 303
