"""The caseload page issues as many SQL statements for 3 people as for a full page of them (their
communes, first target jobs, advisers, stale badges, offers in reach and access-log rows read in
bulk), and each row still shows what belongs to its person."""

from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.clock import NOW
from tests.statements import statements_of_get
from webapp.core.models import AccessLog
from webapp.reference.models import RomeCode

COMMUNES = ["13201", "13205", "13207", "13001", "13005"]  # Marseille 1er, 5e, 7e, Aix, Aubagne
JOBS = [("K2204",), ("G1603", "K2204"), ("N1101",)]
WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35}


def statements_for(database, client, url: str) -> int:
    """The SQL statements of a GET once what it caches is built (the second of two GETs)."""
    database.session.commit()
    assert client.get(url).status_code == 200
    return statements_of_get(database, client, url)


def add_people(org, ae, start: int, how_many: int) -> None:
    """People of every commune, job list and freshness, some of them ready for work."""
    for number in range(start, start + how_many):
        factories.profile(org, ae, insee=COMMUNES[number % len(COMMUNES)],
                          targets=JOBS[number % len(JOBS)], label=f"Suivie {number:03d} S.",
                          job_ready=number % 4 == 0,
                          updated_at=NOW - timedelta(weeks=number % 12), **WALKER)


def _territory():
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"), name="Nadia Accompagnatrice")
    factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24)
    return org, ae


def test_the_caseload_issues_as_many_statements_for_3_people_as_for_a_full_page(
        client, login, database):
    org, ae = _territory()
    add_people(org, ae, 0, 3)
    login(ae)
    few = statements_for(database, client, "/profils/")
    add_people(org, ae, 3, 90)
    many = statements_for(database, client, "/profils/")
    assert many == few, f"{few} statements with 3 people, {many} with a full page"
    # the user and their memberships, the bell's unread count, the counts, the rows, the
    # matching weights, the offer pool's fingerprint (re-read at each view in tests), the
    # access-log rows
    assert many <= 8, many
    page = client.get("/profils/?sort=maj").get_data(as_text=True)
    assert "93 personne(s)" in page and "Page 1 sur 2" in page


def test_a_manager_s_caseload_shows_advisers_in_as_many_statements(client, login, database):
    org, ae = _territory()
    other_ae = factories.user((org, "ae"), name="Omar Accompagnateur")
    add_people(org, ae, 0, 2)
    login(factories.user((org, "direction")))
    few = statements_for(database, client, "/profils/?page=2")
    add_people(org, other_ae, 2, 90)
    many = statements_for(database, client, "/profils/?page=2")
    assert many == few, f"{few} statements with 2 people, {many} with two pages"
    page = client.get("/profils/").get_data(as_text=True)
    assert "Nadia Accompagnatrice" in page and "Omar Accompagnateur" in page


def test_each_row_shows_its_own_commune_first_job_badges_and_is_logged(client, login, database):
    org, ae = _territory()
    fresh = factories.profile(org, ae, insee="13001", targets=("G1603", "K2204"),
                              label="Aïcha F.", job_ready=True, **WALKER)
    stale = factories.profile(org, ae, insee="13205", targets=("K2204",), label="Basile S.",
                              updated_at=NOW - timedelta(weeks=10), **WALKER)
    login(ae)
    page = client.get("/profils/").get_data(as_text=True)
    rows = {label: page[page.index(label):].split("</tr>")[0] for label in ("Aïcha F.", "Basile S.")}
    assert "Aix-en-Provence" in rows["Aïcha F."] and "Marseille 5e" in rows["Basile S."]
    first_job, other_job = (database.session.get(RomeCode, code).label for code in ("G1603", "K2204"))
    assert first_job in rows["Aïcha F."] and other_job not in rows["Aïcha F."]  # ranked first
    assert other_job in rows["Basile S."]
    assert "À mettre à jour" in rows["Basile S."] and "À mettre à jour" not in rows["Aïcha F."]
    assert f'href="/profils/{fresh.id}"' in page and f'href="/profils/{stale.id}"' in page
    logged = database.session.execute(select(AccessLog.profile_id, AccessLog.profile_reference)
                                      .where(AccessLog.user_id == ae.id)).all()
    assert sorted(logged) == sorted([(fresh.id, fresh.reference), (stale.id, stale.reference)])


def test_a_page_past_the_end_shows_the_last_one(client, login, database):
    org, ae = _territory()
    add_people(org, ae, 0, 3)
    login(ae)
    page = client.get("/profils/?page=9").get_data(as_text=True)
    assert "Suivie 002 S." in page and "3 personne(s)" in page
