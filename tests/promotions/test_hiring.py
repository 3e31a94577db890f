"""A hire has the same effects whichever path records it: the card's "embauche" step, or the
assessment of an immersion that led to it (promotions.hiring.record_hire)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.assign import assign_proposal
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.immersions.assessment import AssessmentInput, record_assessment
from webapp.immersions.proposing import (
    ImmersionInput,
    StepInput,
    TutorInput,
    advance_immersion,
    propose_immersion,
)
from webapp.immersions.schedule import office_hours
from webapp.profiles.models import ProfileChange
from webapp.promotions.models import Promotion
from webapp.promotions.preparing import create_promotion, send_promotion
from webapp.promotions.steps import StepInput as CardStep
from webapp.promotions.steps import answer, record_step

HIRED_ON = date(2026, 12, 14)
MONDAY = date(2026, 11, 23)
NOTE = ProposalNote("Un poste le matin.", "Ponctuelle et motivée, atelier entretien suivi.")


def _sent(world, company=None, offer=None):
    promotion = create_promotion(world.cre, world.person, company or world.company, offer, NOW)
    send_promotion(world.cre, promotion, NOW, confirmed=True)
    return promotion


def _hire_through_the_card(world, offer) -> None:
    card = _sent(world, offer=offer)
    answer(world.employer, card, CardStep("interested", NOW.date() + timedelta(days=4), "interview"), NOW)
    record_step(world.cre, card, CardStep("hired", HIRED_ON, contract="CDI", hours_per_week=30.0), NOW)


def _hire_after_an_immersion(world, offer) -> None:
    today = NOW.date()
    immersion = propose_immersion(world.ae, world.person, ImmersionInput(
        company_id=world.company.id, rome_code=offer.rome_code, objective="recruit",
        start_date=MONDAY, end_date=MONDAY + timedelta(days=4), schedule=office_hours(),
        offer_id=offer.id), today, NOW)
    tutor = TutorInput("Samir Caron", "Chef d'équipe", "04 91 00 00 00", "samir@exemple.fr")
    moves = [(world.employer, "accept", today, StepInput(tutor=tutor)),
             (world.ae, "sign", today, StepInput(convention_kind="file", convention_reference="P-1")),
             (world.ae, "start", MONDAY, StepInput()),
             (world.ae, "finish", MONDAY + timedelta(days=4), StepInput())]
    for user, key, day, step in moves:
        advance_immersion(user, immersion, key, step, immersion.version, day, NOW)
    record_assessment(world.ae, immersion, AssessmentInput(
        attendance="full", tutor_punctuality="good", tutor_teamwork="good",
        tutor_job_skills="good", tutor_would_hire="yes", person_liked_job="yes", outcome="hired",
        hired_contract="CDI", hired_on=HIRED_ON, hired_hours_per_week=30.0), None, NOW)


@pytest.mark.parametrize("hire", [_hire_through_the_card, _hire_after_an_immersion],
                         ids=["card", "immersion"])
def test_a_hire_has_the_same_effects_whichever_path_records_it(database, hire):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    other_card = _sent(world, company=factories.company("Boulangerie du Panier (test)", insee="13202"))
    offer = world.offer
    offer.positions, offer.positions_filled, offer.status = 1, 0, "open"
    database.session.flush()

    hire(world, offer)

    person = world.person
    assert (person.status, person.hired_contract, person.hired_on) == ("hired", "CDI", HIRED_ON)
    assert other_card.status == "withdrawn"
    assert other_card.steps[-1].note.startswith("Embauche obtenue par ailleurs (")
    assert proposal.status == "done" and proposal.closed_at is not None
    assert (offer.positions_filled, offer.status) == (1, "filled")
    assert offer.events[-1].kind == "hire" and offer.events[-1].note.startswith("Embauche : ")


def test_the_author_corrects_a_recorded_hire_and_the_change_is_logged(client, login, database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    _hire_through_the_card(world, world.offer)
    card = database.session.scalar(select(Promotion).where(Promotion.profile_id == world.person.id))
    hired = card.steps[-1]
    database.session.commit()
    login(world.animateur)  # not the author: refused, nothing changes
    client.post(f"/promotions/{card.id}/etapes/corriger",
                data={"step_id": hired.id, "on": "2026-12-21", "note": ""})
    database.session.refresh(hired)
    assert hired.on == HIRED_ON
    login(world.cre)
    far = client.post(f"/promotions/{card.id}/etapes/corriger",
                      data={"step_id": hired.id, "on": "2099-01-01", "note": ""},
                      follow_redirects=True)
    assert "est trop loin pour une étape" in far.get_data(as_text=True)
    fixed = client.post(f"/promotions/{card.id}/etapes/corriger",
                        data={"step_id": hired.id, "on": "2026-12-21", "note": "Début décalé."})
    assert fixed.status_code == 303
    database.session.refresh(hired)
    database.session.refresh(world.person)
    assert hired.on == date(2026, 12, 21) and world.person.hired_on == date(2026, 12, 21)
    page = client.get(f"/promotions/{card.id}").get_data(as_text=True)
    assert "corrigé le 20/11/2026 par Claire CRE (date 14/12/2026 → 21/12/2026, note)" in page
    last = database.session.scalar(select(ProfileChange).where(
        ProfileChange.profile_id == world.person.id).order_by(ProfileChange.id.desc()).limit(1))
    assert last.source.startswith("Embauche corrigée : carte ")
