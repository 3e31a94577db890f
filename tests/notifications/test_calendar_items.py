"""The calendar beyond sessions: immersions, interview and immersion dates of cards, actions
with a due date; one UID for life; cancelled items sent as cancelled. Parsed with icalendar."""

from datetime import timedelta

from icalendar import Calendar

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from tests.clock import TODAY
from tests.promotions.test_promotions_employer import promoted
from webapp.cellule.calendar import ensure_next_session
from webapp.cellule.cellules import cancel_session
from webapp.promotions.steps import StepInput, record_step
from webapp.prospection.models import ProspectionAction


def items(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def feed_path(client, login, user) -> str:
    login(user)
    page = client.post("/notifications/agenda").get_data(as_text=True)
    return page.split('readonly value="', 1)[1].split('"', 1)[0].split("localhost", 1)[1]


def test_the_feed_holds_immersions_meetings_and_actions_without_names(client, login, database):
    world = build_world()
    promotion = promoted(world)
    record_step(world.cre, promotion, StepInput("interested", TODAY + timedelta(days=3),
                                                meeting="interview"), NOW)
    immersion = factories.immersion(world.person, world.company, status="accepted")
    target = factories.target(world.company, lead=world.ae, org=world.ae_org)
    database.session.add(ProspectionAction(target_id=target.id, kind="call",
                                           due_on=TODAY + timedelta(days=2), owner_id=world.ae.id))
    database.session.commit()
    path = feed_path(client, login, world.ae)
    client.post("/deconnexion")
    feed = client.get(path)
    found = items(feed.data)
    interview = found[f"promotion-{promotion.id}-interview@passerelle.cd13"]
    assert interview["dtstart"].dt == TODAY + timedelta(days=3)
    assert str(interview["summary"]) == f"Entretien – carte {promotion.reference} (Hôtel du Vieux-Port (test))"
    stay = found[f"immersion-{immersion.id}@passerelle.cd13"]
    assert stay["dtstart"].dt == immersion.start_date
    assert stay["dtend"].dt == immersion.end_date + timedelta(days=1)
    assert str(stay["status"]) == "CONFIRMED"
    call = next(e for uid, e in found.items() if uid.startswith("action-prospection-"))
    assert str(call["summary"]) == "À faire : Appel – Hôtel du Vieux-Port (test)"
    assert b"Karima" not in feed.data and b"FT-123456" not in feed.data
    # a new interview date: the same UID, a higher SEQUENCE
    record_step(world.cre, promotion, StepInput("interview", TODAY + timedelta(days=6)), NOW)
    immersion.status = "cancelled"
    database.session.commit()
    again = items(client.get(path).data)
    moved = again[f"promotion-{promotion.id}-interview@passerelle.cd13"]
    assert moved["dtstart"].dt == TODAY + timedelta(days=6)
    assert int(moved["sequence"]) > int(interview["sequence"])
    assert str(again[f"immersion-{immersion.id}@passerelle.cd13"]["status"]) == "CANCELLED"


def test_ics_downloads_on_the_immersion_and_card_pages(client, login, database):
    world = build_world()
    promotion = promoted(world)
    record_step(world.cre, promotion, StepInput("interested", TODAY + timedelta(days=3),
                                                meeting="immersion"), NOW)
    immersion = factories.immersion(world.person, world.company, status="accepted")
    database.session.commit()
    login(world.ae)
    page = client.get(f"/immersions/{immersion.id}").get_data(as_text=True)
    assert f"/immersions/{immersion.id}.ics" in page
    download = client.get(f"/immersions/{immersion.id}.ics")
    assert download.status_code == 200 and download.mimetype == "text/calendar"
    [stay] = items(download.data).values()
    assert str(stay["uid"]) == f"immersion-{immersion.id}@passerelle.cd13"
    login(world.cre)
    assert f"/promotions/{promotion.id}.ics" in client.get(f"/promotions/{promotion.id}").get_data(as_text=True)
    card = items(client.get(f"/promotions/{promotion.id}.ics").data)
    assert card[f"promotion-{promotion.id}-immersion@passerelle.cd13"]["dtstart"].dt == TODAY + timedelta(days=3)
    login(world.outsider_cre)
    assert client.get(f"/immersions/{immersion.id}.ics").status_code == 404
    assert client.get(f"/promotions/{promotion.id}.ics").status_code == 404


def test_a_cancelled_session_keeps_its_uid_and_is_sent_cancelled(client, login, database):
    world = build_world()
    session = ensure_next_session(world.cellule, NOW)
    database.session.commit()
    login(world.cre)
    [before] = items(client.get(f"/cellule/seances/{session.id}.ics").data).values()
    assert str(before["status"]) == "CONFIRMED"
    cancel_session(world.animateur, session, session.version)
    database.session.commit()
    [after] = items(client.get(f"/cellule/seances/{session.id}.ics").data).values()
    assert str(after["uid"]) == str(before["uid"]) and str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])
