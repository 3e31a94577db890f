"""The warnings against over-solicitation before a card is sent: the same employer twice, too
many employers at once for one person, too many cards in a week for one employer; shown, then
confirmed."""

from datetime import timedelta

import pytest

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, person
from webapp.cellule.assign import assign_proposal
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.promotions.preparing import (
    NeedsConfirmation,
    create_promotion,
    send_promotion,
    send_warnings,
)
from webapp.promotions.steps import StepInput, answer

NOTE = ProposalNote("Un poste le matin.", "Motivée.")


def ready(world, profile):
    assign_proposal(
        world.animateur, put_forward(world.ae, profile, NOTE, NOW), world.cre, None, NOW
    )
    return profile


def send(world, profile, company, when=NOW, confirmed=True):
    promotion = create_promotion(world.cre, profile, company, None, when)
    send_promotion(world.cre, promotion, when, confirmed=confirmed)
    return promotion


def test_nothing_to_warn_about_sends_at_once(database):
    world = build_world()
    ready(world, world.person)
    promotion = create_promotion(world.cre, world.person, world.company, None, NOW)
    assert send_promotion(world.cre, promotion, NOW) == []
    assert promotion.status == "sent"


def test_the_same_employer_twice_asks_for_a_confirmation(database):
    world = build_world()
    ready(world, world.person)
    first = send(world, world.person, world.company)
    answer(world.employer, first, StepInput("not_interested", reason="no_hiring"), NOW)
    again = create_promotion(world.cre, world.person, world.company, None, NOW + timedelta(days=20))
    with pytest.raises(NeedsConfirmation) as caught:
        send_promotion(world.cre, again, NOW + timedelta(days=20))
    assert caught.value.warnings == [
        (
            f"Ce profil a déjà été présenté à {world.company.name} le 20/11/2026 (carte {first.reference}, "
            "« Employeur pas intéressé »)."
        )
    ]
    assert again.status == "proposed"
    send_promotion(world.cre, again, NOW + timedelta(days=20), confirmed=True)
    assert again.status == "sent" and "Envoyée malgré les alertes" in again.steps[-1].note


def test_more_employers_at_once_than_the_cellule_allows(database):
    world = build_world()
    world.cellule.max_employers_per_profile = 2
    ready(world, world.person)
    for number in range(2):
        send(world, world.person, factories.company(f"Employeur {number} (test)"))
    third = create_promotion(world.cre, world.person, world.company, None, NOW)
    assert send_warnings(third, NOW) == [
        "Avec cet envoi, ce profil serait présenté à 3 employeurs en même temps (seuil de la cellule : 2)."
    ]


def test_an_employer_receiving_too_many_cards_in_a_week(database):
    world = build_world()
    world.cellule.max_cards_per_employer_week = 2
    people = [
        ready(world, person(world.ae_org, world.ae, label=f"{name} B."))
        for name in ("Ana", "Lou", "Zoé")
    ]
    send(
        world, people[0], world.company, NOW - timedelta(days=8)
    )  # more than a week ago: not counted
    send(world, people[1], world.company, NOW - timedelta(days=2))
    send(world, people[2], world.company, NOW - timedelta(days=1))
    fourth = ready(world, world.person)
    promotion = create_promotion(world.cre, fourth, world.company, None, NOW)
    assert send_warnings(promotion, NOW) == [
        (
            f"{world.company.name} a déjà reçu 2 carte(s) ces 7 derniers jours ; avec celle-ci, 3 "
            "(seuil de la cellule : 2 par semaine)."
        )
    ]


def test_the_send_page_shows_the_warnings_then_a_confirm_button(client, login, database):
    world = build_world()
    ready(world, world.person)
    first = send(world, world.person, world.company)
    answer(world.employer, first, StepInput("not_interested", reason="filled"), NOW)
    again = create_promotion(world.cre, world.person, world.company, None, NOW)
    login(world.cre)
    shown = client.post(f"/promotions/{again.id}/envoyer", data={"version": again.version})
    page = shown.get_data(as_text=True)
    assert shown.status_code == 422
    assert (
        "Ce profil a déjà été présenté" in page
        and "Confirmer l&#39;envoi malgré les alertes" in page
    )
    assert again.status == "proposed"
    confirmed = client.post(
        f"/promotions/{again.id}/envoyer", data={"version": again.version, "confirmed": "oui"}
    )
    assert confirmed.status_code == 303
    database.session.refresh(again)
    assert again.status == "sent"
