"""Cellules: the rhythm of their sessions ("bimensuelle" read both ways), their territory and
members, their settings and pages."""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.calendar import local_day, session_dates
from webapp.cellule.cellules import CelluleSettings, create_cellule, update_cellule
from webapp.cellule.models import CelluleSession
from webapp.core.errors import Invalid, NotAllowed

TUESDAY = 1


@pytest.mark.parametrize(
    ("rhythm", "expected"),
    [
        (
            "twice_monthly",
            ["2026-12-01", "2026-12-15", "2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16"],
        ),
        ("every_two_months", ["2026-12-01", "2027-02-02"]),
        ("monthly", ["2026-12-01", "2027-01-05", "2027-02-02"]),
        (
            "fortnightly",
            [
                "2026-11-24",
                "2026-12-08",
                "2026-12-22",
                "2027-01-05",
                "2027-01-19",
                "2027-02-02",
                "2027-02-16",
            ],
        ),
    ],
)
def test_bimensuelle_is_a_setting_read_either_way(rhythm, expected):
    days = session_dates(rhythm, TUESDAY, None, date(2026, 11, 20), date(2027, 2, 20))
    assert [d.isoformat() for d in days] == expected


def test_every_two_months_keeps_the_months_the_cellule_already_met_in():
    days = session_dates(
        "every_two_months", TUESDAY, date(2026, 11, 3), date(2026, 11, 20), date(2027, 3, 31)
    )
    assert [d.isoformat() for d in days] == ["2027-01-05", "2027-03-02"]


def test_a_new_cellule_gets_its_territory_s_professionals_and_planned_sessions(database):
    world = build_world()
    roles = {(m.user.display_name, m.role) for m in world.cellule.members}
    assert roles == {
        ("Anne Animatrice", "animateur"),
        ("Claire CRE", "cre"),
        ("Bruno CRE", "cre"),
        ("Élodie AE", "ae"),
        ("Omar AE", "ae"),
    }
    planned = database.session.scalars(
        select(CelluleSession)
        .where(CelluleSession.cellule_id == world.cellule.id)
        .order_by(CelluleSession.scheduled_at)
    ).all()
    assert [str(local_day(s.scheduled_at)) for s in planned][:3] == [
        "2026-12-01",
        "2026-12-15",
        "2027-01-05",
    ]
    assert all(s.scheduled_at.hour == 8 for s in planned[:3])  # 9:30 in Paris in winter = 8:30 UTC
    assert planned[0].place == "Salle 3"


def test_a_pole_belongs_to_one_cellule_and_only_an_administrator_creates_them(database):
    world = build_world()
    with pytest.raises(Invalid, match="a déjà sa cellule"):
        create_cellule(world.admin, CelluleSettings("Autre", (factories.pole("I").id,)), NOW)
    with pytest.raises(NotAllowed):
        create_cellule(world.animateur, CelluleSettings("Autre", (factories.pole("II").id,)), NOW)


def test_changing_the_rhythm_plans_the_empty_sessions_again(database):
    world = build_world()
    settings = CelluleSettings(
        world.cellule.name, (factories.pole("I").id,), rhythm="every_two_months"
    )
    update_cellule(world.animateur, world.cellule, settings, world.cellule.version, NOW)
    planned = database.session.scalars(
        select(CelluleSession)
        .where(CelluleSession.cellule_id == world.cellule.id)
        .order_by(CelluleSession.scheduled_at)
    ).all()
    assert [str(local_day(s.scheduled_at)) for s in planned] == ["2026-12-01", "2027-02-02"]


def test_the_animateur_sees_the_pages_and_a_stranger_does_not(client, login, database):
    world = build_world()
    login(world.animateur)
    index = client.get("/cellule/").get_data(as_text=True)
    assert "Cellule emploi Marseille I (test)" in index and "01/12/2026" in index
    page = client.get(f"/cellule/{world.cellule.id}").get_data(as_text=True)
    assert "Élodie AE" in page and "Deux fois par mois" in page
    settings = client.post(
        f"/cellule/{world.cellule.id}/reglages",
        data={
            "name": world.cellule.name,
            "pole_ids": [factories.pole("I").id],
            "rhythm": "monthly",
            "weekday": "3",
            "start_time": "14:00",
            "place": "Mairie",
            "max_employers_per_profile": "0",
            "max_cards_per_employer_week": "5",
            "version": world.cellule.version,
        },
    )
    assert settings.status_code == 422 and "Nombre must be between" not in settings.get_data(
        as_text=True
    )
    saved = client.post(
        f"/cellule/{world.cellule.id}/reglages",
        data={
            "name": world.cellule.name,
            "pole_ids": [factories.pole("I").id],
            "rhythm": "monthly",
            "weekday": "3",
            "start_time": "14:00",
            "place": "Mairie",
            "max_employers_per_profile": "2",
            "max_cards_per_employer_week": "4",
            "version": world.cellule.version,
        },
    )
    assert saved.status_code == 303
    assert (
        world.cellule.rhythm,
        world.cellule.weekday,
        world.cellule.max_employers_per_profile,
    ) == ("monthly", 3, 2)
    login(world.outsider_cre)
    assert client.get(f"/cellule/{world.cellule.id}").status_code == 404
    login(world.employer)
    assert client.get("/cellule/").status_code == 404


def test_the_animateur_adds_and_removes_members(client, login, database):
    world = build_world()
    newcomer_org = factories.organisation("PLIE Marseille (test)", kind="plie", pole_code="I")
    newcomer = factories.user((newcomer_org, "cre", "I"), name="Nadia CRE du PLIE")
    login(world.animateur)
    added = client.post(f"/cellule/{world.cellule.id}/membres", data={"user_id": newcomer.id, "role": "cre"})
    assert added.status_code == 303
    member = next(m for m in world.cellule.members if m.user_id == newcomer.id)
    wrong_role = client.post(f"/cellule/{world.cellule.id}/membres", data={"user_id": newcomer.id, "role": "ae"})
    assert wrong_role.status_code == 303
    assert "n&#39;a pas le rôle" in client.get(f"/cellule/{world.cellule.id}").get_data(as_text=True)
    removed = client.post(f"/cellule/{world.cellule.id}/membres/{member.id}/retirer")
    assert removed.status_code == 303
    assert newcomer.id not in {m.user_id for m in world.cellule.members}
    assert client.post(f"/cellule/{world.cellule.id}/membres/99999/retirer").status_code == 404
