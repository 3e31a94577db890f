"""Promotion: who may promote, the anonymised card, the pipeline of dated and signed steps, the
hire written on the profile, closed promotions, the person's export and the purge."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.assign import assign_proposal
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.core.errors import Invalid, NotAllowed
from webapp.profiles.access_request import export_profile
from webapp.profiles.models import Profile, ProfileChange
from webapp.profiles.retention import RetentionRule, purge_profiles
from webapp.promotions.card import build_card
from webapp.promotions.models import Promotion, PromotionStep
from webapp.promotions.preparing import create_promotion, send_promotion
from webapp.promotions.steps import StepInput, answer, record_step

NOTE = ProposalNote("Un poste le matin.", "Ponctuelle et motivée, atelier entretien suivi.")


def another_company():
    return factories.company("Boulangerie du Panier (test)", insee="13202")


def given_to_cre(world):
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    return proposal


def sent(world, company=None, offer=None, when=NOW):
    promotion = create_promotion(world.cre, world.person, company or world.company, offer, when)
    send_promotion(world.cre, promotion, when, confirmed=True)
    return promotion


def test_a_cre_outside_the_cellule_cannot_promote(database):
    world = build_world()
    given_to_cre(world)
    with pytest.raises(NotAllowed, match="cellule emploi dont vous êtes membre"):
        create_promotion(world.outsider_cre, world.person, world.company, None, NOW)


def test_a_profile_never_put_forward_cannot_be_promoted(database):
    world = build_world()
    with pytest.raises(NotAllowed, match="n'a pas été proposé"):
        create_promotion(world.cre, world.person, world.company, None, NOW)


def test_the_card_says_what_the_employer_needs_and_nothing_that_identifies_the_person(database):
    world = build_world()
    given_to_cre(world)
    promotion = create_promotion(world.cre, world.person, None, world.offer, NOW)
    card = build_card(promotion, NOW.date())
    text = repr(card.to_dict())
    assert "Karima" not in text and "FT-123456" not in text and world.person.reference not in text
    assert "garde" not in text.lower() and "enfant" not in text.lower()  # no barrier flag
    assert card.headline == "Candidature pour votre offre « Agent d'entretien H/F »"
    assert card.jobs[0].label and card.jobs[0].experience == "Débutant(e) dans ce métier"
    assert "Entre 20 et 35 h par semaine" in card.availability
    assert card.vouching == NOTE.vouching
    assert card.mobility[0].startswith("Habite : Marseille")


def test_sending_freezes_the_card_and_moves_the_person_to_promoted(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    assert promotion.status == "sent" and promotion.sent_at is not None
    assert promotion.card["reference"] == promotion.reference
    assert world.person.status == "promoted"
    world.person.qualifications = "CACES 1"
    assert "CACES" not in repr(promotion.card)  # the employer keeps the card as it was sent


def test_every_step_is_dated_and_signed_and_a_hire_makes_the_person_hired(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    other = sent(world, company=another_company())
    answer(
        world.employer,
        promotion,
        StepInput("interested", NOW.date() + timedelta(days=4), "interview"),
        NOW,
    )
    record_step(world.cre, promotion, StepInput("interview", NOW.date() + timedelta(days=4)), NOW)
    record_step(
        world.cre,
        promotion,
        StepInput("hired", date(2026, 12, 7), contract="CDI", hours_per_week=30.0),
        NOW,
    )
    kinds = [(s.kind, s.by_id, s.via) for s in promotion.steps]
    assert kinds == [
        ("proposed", world.cre.id, "platform"),
        ("sent", world.cre.id, "platform"),
        ("interested", world.employer.id, "platform"),
        ("interview", world.cre.id, "platform"),
        ("hired", world.cre.id, "platform"),
    ]
    assert promotion.is_closed and promotion.closed_at is not None
    assert (world.person.status, world.person.hired_contract, world.person.hired_on) == (
        "hired",
        "CDI",
        date(2026, 12, 7),
    )
    assert other.status == "withdrawn"  # the other card is withdrawn: the person found work
    assert (
        database.session.scalar(
            select(func.count(ProfileChange.id)).where(
                ProfileChange.profile_id == world.person.id, ProfileChange.source.like("Embauche%")
            )
        )
        == 1
    )


def test_an_answer_to_a_closed_promotion_is_refused_in_french(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    answer(world.employer, promotion, StepInput("not_interested", reason="filled"), NOW)
    with pytest.raises(Invalid, match="Cette promotion est close"):
        answer(world.employer, promotion, StepInput("interested", NOW.date(), "interview"), NOW)
    with pytest.raises(Invalid, match="close"):
        record_step(world.cre, promotion, StepInput("interview", NOW.date()), NOW)
    assert world.person.status == "proposed"  # back in the cellule's hands


def test_a_step_needs_its_values(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    with pytest.raises(Invalid, match="Date"):
        answer(world.employer, promotion, StepInput("interested", None, "interview"), NOW)
    with pytest.raises(Invalid, match="Motif"):
        answer(world.employer, promotion, StepInput("not_interested"), NOW)
    with pytest.raises(Invalid, match="impossible"):
        record_step(
            world.cre,
            promotion,
            StepInput("hired", NOW.date(), contract="CDI", hours_per_week=35.0),
            NOW,
        )


def test_a_cre_notes_an_answer_given_by_phone(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    record_step(
        world.cre,
        promotion,
        StepInput("interested", NOW.date() + timedelta(days=2), "immersion"),
        NOW,
    )
    assert promotion.steps[-1].via == "phone"
    with pytest.raises(NotAllowed):
        record_step(world.other_cre, promotion, StepInput("interview", NOW.date()), NOW)


def test_an_employer_cannot_answer_a_card_sent_to_someone_else(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world, company=another_company())
    with pytest.raises(NotAllowed, match="ne vous a pas été envoyée"):
        answer(world.employer, promotion, StepInput("interested", NOW.date(), "interview"), NOW)


def test_the_export_holds_the_promotions_and_the_purge_removes_them(database):
    world = build_world()
    given_to_cre(world)
    promotion = sent(world)
    document = export_profile(world.person, world.ae, "/test")
    assert document["promotions"][0]["carte"] == promotion.reference
    assert document["promotions"][0]["etapes"][1]["etape"] == "Carte envoyée à l'employeur"
    assert document["cellule_emploi"][0]["ce_que_l_accompagnateur_garantit"] == NOTE.vouching
    world.person.status, world.person.left_on = "left", NOW.date() - timedelta(days=60)
    database.session.flush()
    purge_profiles(RetentionRule(), dry_run=False, now=NOW)
    assert database.session.get(Profile, world.person.id) is None
    assert database.session.scalar(select(func.count(Promotion.id))) == 0
    assert database.session.scalar(select(func.count(PromotionStep.id))) == 0


def test_a_hire_on_an_offer_fills_one_position_and_the_last_one_fills_the_offer(database):
    world = build_world()
    given_to_cre(world)
    offer = world.offer
    offer.positions, offer.positions_filled, offer.status = 1, 0, "open"
    database.session.flush()
    promotion = sent(world, offer=offer)
    answer(world.employer, promotion, StepInput("interested", NOW.date() + timedelta(days=4), "interview"),
           NOW)
    record_step(
        world.cre,
        promotion,
        StepInput("hired", date(2026, 12, 7), contract="CDI", hours_per_week=30.0),
        NOW,
    )
    assert (offer.positions_filled, offer.status) == (1, "filled")
    assert offer.events[-1].kind == "hire" and offer.events[-1].user_id == world.cre.id
