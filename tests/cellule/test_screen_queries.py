"""The session screen and its poll issue as many SQL statements whatever the number of people
put forward and of lines typed about them: people, lines and suggestions are loaded in bulk."""

import re

from tests.cellule.cellule_world import NOW, build_world
from tests.cellule.test_agenda_queries import HTMX, add_items, statements_for
from webapp.cellule.calendar import next_session
from webapp.cellule.models import ProfileProposal
from webapp.cellule.session import LineInput, add_line
from webapp.extensions import db


def add_lines(world, session) -> None:
    """An action about each person of the session and a general decision."""
    for proposal in db.session.query(ProfileProposal).filter_by(session_id=session.id):
        add_line(world.animateur, session,
                 LineInput("action", "Appeler l'employeur", world.cre.id, None, proposal.id), NOW)
    add_line(world.animateur, session, LineInput("decision", "Forum en décembre"), NOW)


def test_the_screen_and_its_poll_issue_as_many_statements_for_3_people_as_for_12(
        client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    url = f"/cellule/seances/{session.id}"
    add_items(world, 1, 3)
    add_lines(world, session)
    login(world.animateur)
    page = client.get(url).get_data(as_text=True)
    every_list_changed = {name: "0.0.0" for name in re.findall(r'name="(etat-[^"]+)"', page)}
    poll = f"{url}/lignes/changements?" + "&".join(f"{k}={v}" for k, v in every_list_changed.items())
    few = [statements_for(database, client, url), statements_for(database, client, poll, HTMX)]

    add_items(world, 4, 9)
    add_lines(world, session)
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="line-owner"') == 12 + 3  # an action each, two for the first three
    every_list_changed = {name: "0.0.0" for name in re.findall(r'name="(etat-[^"]+)"', page)}
    poll = f"{url}/lignes/changements?" + "&".join(f"{k}={v}" for k, v in every_list_changed.items())
    many = [statements_for(database, client, url), statements_for(database, client, poll, HTMX)]
    assert many == few, f"{few} statements with 3 people, {many} with 12"
