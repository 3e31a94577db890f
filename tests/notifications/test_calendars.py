"""Calendars: the .ics of a session, the private feed, and sessions never on public holidays."""

from datetime import date

from icalendar import Calendar

from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.calendar import ensure_next_session, session_dates
from webapp.cellule.public_holidays import is_public_holiday


def test_the_session_ics_is_in_paris_time_with_a_stable_uid(client, login, database):
    world = build_world()
    session = ensure_next_session(world.cellule, NOW)
    database.session.commit()
    login(world.cre)
    first = client.get(f"/cellule/seances/{session.id}.ics")
    assert first.status_code == 200 and first.mimetype == "text/calendar"
    [event] = Calendar.from_ical(first.data).walk("VEVENT")
    assert str(event["uid"]) == f"cellule-session-{session.id}@passerelle.cd13"
    assert event["dtstart"].dt.tzinfo.key == "Europe/Paris"
    assert event["dtstart"].dt.hour == 9 and event["dtstart"].dt.minute == 30
    assert b"TZID=Europe/Paris" in first.data
    again = Calendar.from_ical(client.get(f"/cellule/seances/{session.id}.ics").data)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])
    login(world.outsider_cre)
    assert client.get(f"/cellule/seances/{session.id}.ics").status_code == 404


def test_the_private_feed_is_revocable(client, login, database):
    world = build_world()
    session = ensure_next_session(world.cellule, NOW)
    database.session.commit()
    login(world.animateur)
    page = client.post("/notifications/agenda").get_data(as_text=True)
    url = page.split('readonly value="', 1)[1].split('"', 1)[0]
    path = url.split("localhost", 1)[1]
    client.post("/deconnexion")
    feed = client.get(path)
    assert feed.status_code == 200
    uids = [str(e["uid"]) for e in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert f"cellule-session-{session.id}@passerelle.cd13" in uids
    login(world.animateur)
    client.post("/notifications/agenda/revoquer")
    assert client.get(path).status_code == 404


def test_generated_sessions_skip_french_public_holidays():
    # Fridays every two weeks from 18 December 2026: 1 January 2027 is skipped.
    days = session_dates("fortnightly", 4, None, date(2026, 12, 18), date(2027, 1, 20))
    assert days == [date(2026, 12, 18), date(2027, 1, 15)]
    for holiday in (date(2027, 5, 1), date(2027, 3, 29), date(2027, 7, 14), date(2026, 12, 25)):
        assert is_public_holiday(holiday)
    for rhythm in ("fortnightly", "twice_monthly", "monthly", "every_two_months"):
        for weekday in range(5):
            generated = session_dates(rhythm, weekday, None, date(2026, 1, 1), date(2030, 12, 31))
            assert generated and not any(is_public_holiday(d) for d in generated), (rhythm, weekday)
