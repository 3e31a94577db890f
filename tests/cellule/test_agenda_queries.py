"""The agenda page and the session screen load each section in bulk: the number of SQL statements
a request issues does not grow with the number of people, promotions, immersions and actions."""

from datetime import timedelta

from sqlalchemy import event

from tests import factories
from tests.cellule.cellule_world import NOW, _promotion, build_world, person
from webapp.cellule.calendar import next_session
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.extensions import db
from webapp.prospection.models import ProspectionAction

NOTE = ProposalNote("Un poste le matin.", "Motivée.")


def add_items(world, start: int, count: int) -> None:
    """`count` more of everything the agenda lists, each on its own company and person."""
    today = NOW.date()
    for number in range(start, start + count):
        firm = factories.company(f"Entreprise {number} (test)")
        someone = person(world.ae_org, world.ae, label=f"Karima {chr(64 + number)}.",
                         external_ref=f"FT-{number:06d}")
        put_forward(world.ae, someone, NOTE, NOW)
        _promotion(someone, firm, world.cre if number % 2 else world.other_cre, world.cellule)
        factories.immersion(someone, firm, status="under_way",
                            start_date=today - timedelta(days=2), end_date=today + timedelta(days=10))
        target = factories.target(firm, lead=world.cre, org=world.ae_org)
        db.session.add(ProspectionAction(
            target_id=target.id, kind="call", due_on=today, owner_id=world.cre.id))
        factories.offer(world.ae_org, company_id=firm.id, cre_id=world.cre.id,
                        visibility="territory", created_at=NOW - timedelta(hours=1))
    db.session.flush()


HTMX = {"HX-Request": "true"}
# The agenda page, its login included: one statement per section (the people put forward
# with their target jobs, the offers and needs pooled, the events with their employers; two for
# the promotions and the steps they took), none per entry; on PostgreSQL two more: the
# sections planned in their joins' written order, then back.
AGENDA_STATEMENTS = 19
# The session screen, its login included: the people with their target jobs, the lines, the
# CRE suggestion, one statement each.
SCREEN_STATEMENTS = 12


def statements_for(database, client, url: str, headers=None) -> int:
    """The SQL statements one GET of the page issues, from a cold identity map."""
    database.session.commit()  # expires every loaded record: the page loads what it shows
    counted = []
    engine = database.session.get_bind()

    def count(*_):
        counted.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        answer = client.get(url, headers=headers or {})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200
    return len(counted)


def test_the_agenda_page_issues_as_many_statements_for_3_items_as_for_12(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    url = f"/cellule/seances/{session.id}/ordre-du-jour"
    add_items(world, 1, 3)
    login(world.animateur)
    few = statements_for(database, client, url)
    add_items(world, 4, 9)
    many = statements_for(database, client, url)
    page = client.get(f"{url}?complet=1").get_data(as_text=True)
    assert "Karima L." in page and "Entreprise 12 (test)" in page
    assert many == few, f"{few} statements with 3 items, {many} with 12"
    assert few <= AGENDA_STATEMENTS, f"{few} statements, {AGENDA_STATEMENTS} at most"


def test_the_whole_agenda_and_a_section_brought_in_issue_as_many_statements_for_3_items_as_for_12(
        client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    urls = (f"/cellule/seances/{session.id}/ordre-du-jour?complet=1",
            f"/cellule/seances/{session.id}/ordre-du-jour/sections/immersions")
    add_items(world, 1, 3)
    login(world.animateur)
    few = [statements_for(database, client, url, HTMX) for url in urls]
    add_items(world, 4, 9)
    many = [statements_for(database, client, url, HTMX) for url in urls]
    assert many == few, f"{few} statements with 3 items, {many} with 12"


def test_the_session_screen_issues_as_many_statements_for_3_people_as_for_12(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    url = f"/cellule/seances/{session.id}"
    add_items(world, 1, 3)
    login(world.animateur)
    few = statements_for(database, client, url)
    add_items(world, 4, 9)
    many = statements_for(database, client, url)
    assert many == few, f"{few} statements with 3 people, {many} with 12"
    assert few <= SCREEN_STATEMENTS, f"{few} statements, {SCREEN_STATEMENTS} at most"
