"""Employment events: a territory's programme, the same-day warning, employers and offers
concerned, people invited."""

from datetime import date

import pytest

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, person
from webapp.core.errors import Invalid, NotAllowed
from webapp.events.planning import (
    EventInput,
    SameDayEvents,
    add_company,
    add_offer,
    create_event,
    invite,
    upcoming_events,
)

DAY = date(2026, 12, 10)


def forum(**values) -> EventInput:
    return EventInput(
        **{
            "kind": "forum",
            "title": "Forum de l'hôtellerie",
            "on": DAY,
            "commune_insee": "13201",
            "sector": "G",
            **values,
        }
    )


def test_an_event_belongs_to_the_territory_of_its_commune(database):
    world = build_world()
    event = create_event(world.animateur, forum(), NOW)
    assert event.pole_id == factories.pole("I").id
    assert event in upcoming_events(world.ae, NOW.date())
    assert event not in upcoming_events(world.outsider_cre, NOW.date())
    with pytest.raises(NotAllowed, match="votre territoire"):
        create_event(world.outsider_cre, forum(title="Ailleurs"), NOW)


def test_two_events_of_the_same_sector_on_the_same_day_ask_for_a_confirmation(database):
    world = build_world()
    create_event(world.animateur, forum(), NOW)
    with pytest.raises(
        SameDayEvents, match="Le même jour, sur le même territoire et dans le même secteur"
    ):
        create_event(world.cre, forum(kind="job_dating", title="Job dating restauration"), NOW)
    create_event(
        world.cre, forum(kind="job_dating", title="Job dating logistique", sector="N"), NOW
    )
    confirmed = create_event(
        world.cre, forum(kind="job_dating", title="Job dating restauration"), NOW, confirmed=True
    )
    assert confirmed.id


def test_bad_input_is_refused_field_by_field(database):
    world = build_world()
    with pytest.raises(Invalid) as caught:
        create_event(
            world.animateur, forum(title=" ", on=date(2026, 1, 5), commune_insee="99999"), NOW
        )
    assert set(caught.value.problems) == {"title", "on", "commune_insee"}


def test_employers_offers_and_people_invited(database):
    world = build_world()
    event = create_event(world.animateur, forum(), NOW)
    with pytest.raises(Invalid, match="employeur de l'événement"):
        add_offer(world.animateur, event, world.offer)
    add_company(world.animateur, event, world.company)
    add_offer(world.animateur, event, world.offer)
    assert event.companies == [world.company] and event.offers == [world.offer]
    invite(world.ae, event, world.person, NOW)
    refusing = person(world.ae_org, world.ae, label="Hugo R.", consent_promotion=False)
    with pytest.raises(Invalid, match="accord"):
        invite(world.ae, event, refusing, NOW)
    with pytest.raises(NotAllowed):
        invite(world.other_ae, event, world.person, NOW)
    assert [i.profile for i in event.invitations] == [world.person]


def test_the_event_pages(client, login, database):
    world = build_world()
    login(world.animateur)
    response = client.post(
        "/cellule/evenements/nouveau",
        data={
            "kind": "forum",
            "title": "Forum de l'hôtellerie",
            "on": DAY.isoformat(),
            "commune_insee": "13201",
            "sector": "G",
        },
    )
    assert response.status_code == 303
    clash = client.post(
        "/cellule/evenements/nouveau",
        data={
            "kind": "job_dating",
            "title": "Job dating",
            "on": DAY.isoformat(),
            "commune_insee": "13201",
            "sector": "G",
        },
    )
    assert clash.status_code == 422 and "Le même jour" in clash.get_data(as_text=True)
    assert 'name="confirmed" type="hidden" value="oui"' in clash.get_data(as_text=True)
    confirmed = client.post(
        "/cellule/evenements/nouveau",
        data={
            "kind": "job_dating",
            "title": "Job dating",
            "on": DAY.isoformat(),
            "commune_insee": "13201",
            "sector": "G",
            "confirmed": "oui",
        },
    )
    assert confirmed.status_code == 303
    listing = client.get("/cellule/evenements").get_data(as_text=True)
    assert "Forum de l&#39;hôtellerie" in listing and "Job dating" in listing
    login(world.ae)
    event_url = confirmed.headers["Location"]
    assert (
        client.post(f"{event_url}/invitations", data={"profile_id": world.person.id}).status_code
        == 303
    )
    assert "Karima B." in client.get(event_url).get_data(as_text=True)
    login(world.other_ae)
    page = client.get(event_url).get_data(as_text=True)
    assert "Karima" not in page and "1 autre(s) personne(s) invitée(s)" in page
