"""The session screen: the suggested CRE and its reasons, assigning, lines typed live by several
people at once, the versioned header, closing the minutes, actions on their owner's home page."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, person
from webapp.cellule.assign import (
    CreFacts,
    assign_proposal,
    suggest,
    suggestion_for,
    suggestions_for,
)
from webapp.cellule.calendar import next_session
from webapp.cellule.cellules import add_member
from webapp.cellule.models import CelluleSession, SessionLine
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.cellule.session import HeaderInput, LineInput, add_line, close_session, update_header
from webapp.core.errors import Conflict, Invalid
from webapp.core.permissions import can

NOTE = ProposalNote("Un poste le matin.", "Motivée.")


def test_the_suggestion_weighs_sectors_against_loads():
    labels = {"K22": "Nettoyage et propreté"}
    expert = CreFacts(1, "Claire", load=2, matches={"K22": 4})
    idle = CreFacts(2, "Bruno", load=0, matches={})
    chosen = suggest([expert, idle], labels)
    assert chosen.user_id == 1
    assert chosen.explanation == (
        "Claire : suit des offres ou besoins dans les métiers visés (4 dans "
        "« Nettoyage et propreté ») ; 2 profil(s) en cours de promotion "
        "(moyenne de la cellule : 1)."
    )
    overloaded = CreFacts(1, "Claire", load=9, matches={"K22": 4})
    assert suggest([overloaded, idle], labels).user_id == 2
    assert "déjà très chargés" in suggest([overloaded, idle], labels).explanation
    assert suggest([], labels) is None


def test_the_cre_following_offers_in_the_person_s_job_is_suggested(database):
    world = build_world()  # the offer in K2204 is followed by Bruno (other_cre)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    suggestion = suggestion_for(proposal, NOW)
    assert suggestion.user_id == world.other_cre.id
    assert "1 dans « Nettoyage et propreté industriels »" in suggestion.explanation


def test_the_suggestions_of_one_session_share_the_people_out_between_the_cres(database):
    world = build_world()  # Bruno follows an offer in the people's job: 2 points ahead
    names = ("Ali", "Inès", "Léo", "Nora", "Sami")
    people = [world.person] + [person(world.ae_org, world.ae, label=f"{n} B.") for n in names]
    proposals = [put_forward(world.ae, someone, NOTE, NOW) for someone in people]
    chosen = [s.user_id for s in suggestions_for(proposals, NOW).values()]
    bruno, claire = world.other_cre.id, world.cre.id
    assert chosen == [bruno, bruno, claire, bruno, claire, bruno]
    fourth = suggestions_for(proposals, NOW)[proposals[3].id]
    assert "dont 2 suggéré(s) plus haut pour cette séance" in fourth.explanation

    assign_proposal(world.animateur, proposals[0], world.cre, proposals[0].version, NOW)
    chosen = [s.user_id for s in suggestions_for(proposals[1:], NOW).values()]
    assert chosen == [bruno, bruno, bruno, claire, bruno]  # Claire has one already


def test_assigning_gives_the_person_to_a_cre_of_the_cellule_only(database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    with pytest.raises(Invalid, match="CRE membre de la cellule"):
        assign_proposal(world.animateur, proposal, world.outsider_cre, None, NOW)
    assign_proposal(world.animateur, proposal, world.cre, proposal.version, NOW)
    assert proposal.status == "assigned" and proposal.assigned_cre == world.cre
    with pytest.raises(Conflict):
        assign_proposal(world.animateur, proposal, world.other_cre, 1, NOW)


def test_an_action_needs_an_owner_and_lines_of_two_people_are_both_kept(database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    with pytest.raises(Invalid, match="Responsable : une action a toujours quelqu'un"):
        add_line(world.animateur, session, LineInput("action", "Appeler l'hôtel"), NOW)
    with pytest.raises(Invalid, match="membre de la cellule"):
        add_line(
            world.animateur, session, LineInput("action", "Appeler", world.outsider_cre.id), NOW
        )
    header_version = session.version
    add_line(world.animateur, session, LineInput("decision", "Forum le 10 décembre"), NOW)
    add_line(
        world.cre,
        session,
        LineInput("action", "Appeler l'hôtel", world.cre.id, NOW.date() + timedelta(days=7)),
        NOW,
    )
    texts = list(
        database.session.scalars(
            select(SessionLine.text).where(SessionLine.session_id == session.id)
        )
    )
    assert texts == ["Forum le 10 décembre", "Appeler l'hôtel"]
    assert session.version == header_version  # lines never touch the session's header


def test_two_browsers_typing_at_once_each_see_both_lines(client, login, database, app):
    world = build_world()
    session = next_session(world.cellule, NOW)
    other = app.test_client()
    login(world.animateur)
    other.post("/connexion", data={"email": world.cre.email, "password": factories.PASSWORD})
    first = client.post(
        f"/cellule/seances/{session.id}/lignes",
        headers={"HX-Request": "true"},
        data={"lgeneral-kind": "decision", "lgeneral-text": "Ligne de l'animatrice"},
    )
    second = other.post(
        f"/cellule/seances/{session.id}/lignes",
        headers={"HX-Request": "true"},
        data={"lgeneral-kind": "note", "lgeneral-text": "Ligne de la CRE"},
    )
    assert first.status_code == second.status_code == 200
    assert "<html" not in second.get_data(as_text=True)
    assert "Ligne de l&#39;animatrice" in second.get_data(as_text=True)
    # the screen's poll, showing the general list as the first post left it (one line)
    refreshed = client.get(f"/cellule/seances/{session.id}/lignes/changements?etat-general=1.0.0",
                           headers={"HX-Request": "true"})
    assert "Ligne de la CRE" in refreshed.get_data(as_text=True)


def test_an_action_without_owner_typed_on_the_screen_is_a_422_with_the_reason(
    client, login, database
):
    world = build_world()
    session = next_session(world.cellule, NOW)
    login(world.animateur)
    response = client.post(
        f"/cellule/seances/{session.id}/lignes",
        headers={"HX-Request": "true"},
        data={"lgeneral-kind": "action", "lgeneral-text": "Relancer l'hôtel"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Responsable : une action a toujours quelqu&#39;un qui s&#39;en charge." in page
    assert "Relancer l&#39;hôtel" in page  # what was typed is kept


def test_a_stale_header_is_refused_saying_who_saved(database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    opened = session.version
    update_header(
        world.animateur,
        session,
        HeaderInput(session.scheduled_at, "Salle 4", "Ordre du jour chargé"),
        opened,
    )
    with pytest.raises(Conflict, match="modifié par Anne Animatrice"):
        update_header(
            world.animateur, session, HeaderInput(session.scheduled_at, "Salle 5", ""), opened
        )
    assert session.place == "Salle 4"


def test_closing_moves_the_people_still_waiting_to_the_next_session(database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    with pytest.raises(Invalid, match="ne peut pas être clos avant"):
        close_session(world.animateur, session, session.version, NOW)
    close_session(
        world.animateur, session, session.version, session.scheduled_at + timedelta(hours=3)
    )
    assert session.status == "held"
    assert (
        proposal.session_id != session.id and proposal.session.scheduled_at > session.scheduled_at
    )
    with pytest.raises(Invalid, match="compte rendu de cette séance est clos"):
        add_line(world.cre, session, LineInput("note", "Trop tard"), NOW)


def test_an_action_stays_on_its_owner_s_home_page_until_done(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    line = add_line(
        world.animateur, session, LineInput("action", "Appeler l'hôtel du port", world.cre.id), NOW
    )
    login(world.cre)
    home = client.get("/").get_data(as_text=True)
    assert "Actions de cellule à faire" in home
    assert "Appeler l&#39;hôtel du port" in client.get("/cellule/mes-actions").get_data(
        as_text=True
    )
    done = client.post(
        f"/cellule/lignes/{line.id}/fait", headers={"HX-Request": "true"}, data={"from": "home"}
    )
    assert done.status_code == 200 and "Aucune action en attente." in done.get_data(as_text=True)


def test_members_who_may_not_see_a_person_read_who_follows_them(client, login, database):
    world = build_world()
    stranger_org = factories.organisation("PLIE Marseille (test)", kind="plie", pole_code="I")
    plie_ae = factories.user((stranger_org, "ae", "I"), name="Pia AE du PLIE")
    add_member(world.admin, world.cellule, plie_ae, "ae")
    put_forward(world.ae, world.person, NOTE, NOW)
    session = next_session(world.cellule, NOW)
    assert not can(plie_ae, "profile.view", world.person)
    login(plie_ae)
    screen = client.get(f"/cellule/seances/{session.id}").get_data(as_text=True)
    assert (
        "Karima" not in screen
        and "Personne suivie par France Travail Marseille Centre (test)" in screen
    )
    login(world.animateur)
    assert "Karima B." in client.get(f"/cellule/seances/{session.id}").get_data(as_text=True)


def test_the_session_screen_assigns_with_htmx(client, login, database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    login(world.animateur)
    screen = client.get(f"/cellule/seances/{proposal.session_id}").get_data(as_text=True)
    assert "Suggestion de la plateforme" in screen and "(suggéré)" in screen
    response = client.post(
        f"/cellule/propositions/{proposal.id}/confier",
        headers={"HX-Request": "true"},
        data={"cre_id": world.cre.id, "version": proposal.version},
    )
    assert response.status_code == 200 and "Claire CRE" in response.get_data(as_text=True)
    assert can(world.cre, "profile.promote", world.person)
    login(world.ae)
    assert (
        client.post(
            f"/cellule/propositions/{proposal.id}/confier", data={"cre_id": world.other_cre.id}
        ).status_code
        == 404
    )


def test_an_extra_session_and_a_cancelled_one(database):
    world = build_world()
    from webapp.cellule.cellules import add_session, cancel_session

    session = next_session(world.cellule, NOW)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    extra = add_session(
        world.animateur, world.cellule, session.scheduled_at + timedelta(days=2), ""
    )
    cancel_session(world.animateur, session, session.version)
    assert session.status == "cancelled" and proposal.session == extra
    assert next_session(world.cellule, NOW) == extra
    assert isinstance(extra, CelluleSession)


def _stamps(page: str) -> dict[str, str]:
    """The stamp of each list of lines a screen shows, as its poll sends them back."""
    return dict(re.findall(r'name="(etat-[^"]+)" value="([^"]*)"', page))


def test_one_poll_per_screen_brings_back_only_the_lists_someone_changed(client, login, database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    session = next_session(world.cellule, NOW)
    login(world.animateur)
    page = client.get(f"/cellule/seances/{session.id}").get_data(as_text=True)
    assert page.count('hx-trigger="every 10s"') == 1  # one poll, not one per list
    seen = _stamps(page)
    assert seen == {f"etat-{proposal.id}": "0.0.0", "etat-general": "0.0.0"}
    poll = f"/cellule/seances/{session.id}/lignes/changements"
    htmx = {"HX-Request": "true"}
    assert client.get(poll, query_string=seen, headers=htmx).status_code == 204

    line = add_line(world.cre, session, LineInput("note", "Elle cherche le matin", None, None,
                                                   proposal.id), NOW)
    database.session.commit()
    changed = client.get(poll, query_string=seen, headers=htmx)
    fragment = changed.get_data(as_text=True)
    assert changed.status_code == 200 and "Elle cherche le matin" in fragment
    assert f'id="line-list-{proposal.id}" hx-swap-oob="outerHTML"' in fragment
    assert "line-list-general" not in fragment  # the list nobody touched is not sent again
    seen = _stamps(fragment) | {"etat-general": "0.0.0"}
    assert client.get(poll, query_string=seen, headers=htmx).status_code == 204

    client.post(f"/cellule/lignes/{line.id}/barrer", headers=htmx)  # struck out: a change too
    fragment = client.get(poll, query_string=seen, headers=htmx).get_data(as_text=True)
    assert "<del>Elle cherche le matin</del>" in fragment


def test_a_held_session_is_not_polled(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    close_session(world.animateur, session, session.version,
                  session.scheduled_at + timedelta(hours=3))
    database.session.commit()
    login(world.animateur)
    page = client.get(f"/cellule/seances/{session.id}").get_data(as_text=True)
    assert "every 10s" not in page and not _stamps(page)


def test_a_refused_line_keeps_what_was_chosen_and_marks_the_field(client, login, database):
    world = build_world()
    session = next_session(world.cellule, NOW)
    login(world.animateur)
    response = client.post(
        f"/cellule/seances/{session.id}/lignes",
        headers={"HX-Request": "true"},
        data={"lgeneral-kind": "action", "lgeneral-text": "",
              "lgeneral-owner_id": str(world.cre.id), "lgeneral-due_on": "2026-12-01"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<option selected value="{world.cre.id}">Claire CRE</option>' in page
    assert '<option selected value="action">Action</option>' in page
    assert '<textarea aria-invalid="true" id="lgeneral-text"' in page
    assert 'name="lgeneral-due_on" type="date" value="2026-12-01"' in page
