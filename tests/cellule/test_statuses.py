"""Coherent statuses (issue 14): a person hired, paused or gone is off the next agenda, with
nothing left to assign, whichever way the status was set; the AE's « Embauché » on the profile
itself goes through the one hire path (promotions/hiring.py record_hire)."""

from dataclasses import replace
from datetime import date

import pytest

from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.agenda import build_agenda
from webapp.cellule.calendar import next_session
from webapp.cellule.proposals import ProposalNote, put_forward, session_proposals
from webapp.profiles.editing import data_from_profile, update_profile
from webapp.profiles.models import PROFILE_STATUSES, RANKED_PROFILE_STATUSES
from webapp.promotions.preparing import create_promotion, send_promotion

NOTE = ProposalNote("Un poste le matin.", "Motivée.")


def _agenda_people(world) -> list[str]:
    agenda = build_agenda(next_session(world.cellule, NOW), world.animateur)
    [proposals] = [s for s in agenda.sections if s.key == "proposals"]
    return [entry.title for entry in proposals.entries]


def _set_status(world, status: str, **values) -> None:
    """The AE saves the profile form with a new status (the form's own service)."""
    data = replace(data_from_profile(world.person), status=status, **values)
    update_profile(world.person, data, world.person.version, world.ae)


def test_the_statuses_still_looking_are_one_rule():
    assert set(RANKED_PROFILE_STATUSES) == set(PROFILE_STATUSES) - {"hired", "paused", "left"}


def test_hired_on_the_profile_form_goes_through_the_hire_path(client, login, database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    card = create_promotion(world.cre, world.person, world.company, world.offer, NOW)
    send_promotion(world.cre, card, NOW, confirmed=True)
    assert _agenda_people(world) == ["Karima B."]
    _set_status(world, "hired", hired_contract="CDI", hired_on=date(2026, 12, 14))
    assert world.person.status == "hired"
    assert proposal.status == "done"  # closed by record_hire, as a card's hire would
    assert card.status == "withdrawn"
    assert "fiche du profil" in card.steps[-1].note
    assert _agenda_people(world) == []
    login(world.animateur)
    page = client.get(f"/cellule/seances/{next_session(world.cellule, NOW).id}/ordre-du-jour")
    text = page.get_data(as_text=True)  # the card withdrawn stays in the follow-up, as history
    assert page.status_code == 200 and "Aucune personne proposée pour cette séance." in text


@pytest.mark.parametrize("status", ["paused", "left"])
def test_paused_or_gone_on_the_profile_form_leaves_the_next_agenda(database, status):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    _set_status(world, status, left_reason="Déménagement" if status == "left" else "")
    assert proposal.status == "withdrawn"
    assert _agenda_people(world) == []


def test_a_status_set_elsewhere_still_keeps_the_person_off_the_agenda(database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    world.person.status = "paused"  # e.g. an old row, before the hooks
    database.session.flush()
    assert proposal.status == "pending"
    assert session_proposals(proposal.session_id) == []
