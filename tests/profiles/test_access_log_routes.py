"""The access log is written where a person is loaded for display: walk the routes that show
a person and check exactly one row per person shown, per request (and one per profile page,
its lazy sections included)."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.assign import assign_proposal
from webapp.cellule.calendar import next_session
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.core.models import AccessLog
from webapp.promotions.preparing import create_promotion

HTMX = {"HX-Request": "true"}


def _rows_after(database, last_id: int) -> Counter:
    return Counter(database.session.scalars(
        select(AccessLog.profile_id).where(AccessLog.id > last_id)))


def _last_id(database) -> int:
    return max(database.session.scalars(select(AccessLog.id)), default=0)


def _get(client, database, url: str, headers=None) -> tuple[str, Counter]:
    before = _last_id(database)
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return response.get_data(as_text=True), _rows_after(database, before)


def _world(database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, ProposalNote("Le matin.", "Motivée."), NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    promotion = create_promotion(world.cre, world.person, world.company, world.offer, NOW)
    today = NOW.date()
    immersion = factories.immersion(world.person, world.company, status="under_way",
                                    start_date=today - timedelta(days=2),
                                    end_date=today + timedelta(days=10))
    database.session.commit()
    return world, proposal, promotion, immersion


def test_a_profile_page_and_its_lazy_sections_write_one_row(client, login, database):
    world, _, _, _ = _world(database)
    person = world.person.id
    login(world.ae)
    before = _last_id(database)
    page, rows = _get(client, database, f"/profils/{person}")
    assert "Karima B." in page and rows == Counter({person: 1})
    for section in (f"/cellule/profils/{person}/parcours", f"/profils/{person}/a-portee"):
        _, rows = _get(client, database, section, HTMX)
        assert rows == Counter(), section  # its page logged the person already
    assert _rows_after(database, before) == Counter({person: 1})
    for section in (f"/cellule/profils/{person}/parcours", f"/profils/{person}/a-portee"):
        _, rows = _get(client, database, section)  # opened on its own (no JavaScript): a page
        assert rows == Counter({person: 1}), section


def test_each_route_showing_a_person_writes_one_row_per_person(client, login, database):
    world, _, promotion, immersion = _world(database)
    person = world.person.id
    session = next_session(world.cellule, NOW)
    login(world.cre)
    for url in (f"/promotions/{promotion.id}", f"/immersions/{immersion.id}",
                f"/cellule/seances/{session.id}"):
        page, rows = _get(client, database, url)
        assert "Karima B." in page, url
        assert rows[person] == 1 and set(rows.values()) == {1}, (url, rows)
    page, rows = _get(client, database, f"/offres/{world.offer.id}/candidats")
    assert rows and set(rows.values()) == {1}, rows  # each candidate shown, once
    login(world.animateur)  # the session shows the person in several sections: one row
    page, rows = _get(client, database, f"/cellule/seances/{session.id}/ordre-du-jour")
    assert page.count("Karima B.") > 1 and rows == Counter({person: 1}), rows
