"""The rest of the events of issue 15: each e-mail as the real SMTP server receives it, in
French, with its link and no more personal data than its reader may see."""

import re
from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from tests.clock import TODAY
from tests.promotions.test_promotions_employer import promoted
from webapp.accounts.models import User
from webapp.immersions.proposing import ImmersionInput, propose_immersion
from webapp.immersions.schedule import office_hours
from webapp.needs.lifecycle import decline_need, mark_converted, post_message, take_need
from webapp.notifications import delivery
from webapp.promotions.steps import StepInput, record_step
from webapp.prospection.contacts import ContactInput, log_contact

SECRETS = ("Karima", "FT-123456")


def body(smtp, message) -> str:
    return smtp.text(message) + message.get_body(("html",)).get_content() + message["Subject"]


def only(smtp, address, subject_start):
    found = [m for m in smtp.to(address) if m["Subject"].startswith(subject_start)]
    assert len(found) == 1, [m["Subject"] for m in smtp.to(address)]
    return found[0]


def employer_need(world, title="Plongeur H/F"):
    organisation = world.employer.memberships[0].organisation
    return factories.need(organisation, world.company, author=world.employer, title=title)


def test_the_employer_follows_their_need_and_the_cre_gets_the_answer(database, smtp):
    world = build_world()
    need = employer_need(world)
    take_need(need, world.cre, NOW)
    post_message(need, world.cre, "Travail le dimanche possible ?", NOW, is_question=True)
    post_message(need, world.employer, "Oui, un dimanche sur deux.", NOW)
    decline_need(need, world.cre, "Poste déjà pourvu par une autre voie.", NOW)
    converted = employer_need(world, "Commis de cuisine H/F")
    take_need(converted, world.cre, NOW)
    mark_converted(converted, world.cre, world.offer, NOW)
    database.session.commit()
    delivery.deliver()
    taken = only(smtp, world.employer.email, "Votre besoin « Plongeur H/F » est pris en charge")
    assert "par Claire CRE" in smtp.text(taken)
    assert f"/espace-employeur/besoins/{need.id}" in smtp.text(taken)
    question = only(smtp, world.employer.email, "Une question sur votre besoin")
    assert "répondez depuis votre espace employeur" in smtp.text(question)
    declined = only(smtp, world.employer.email, "Votre besoin « Plongeur H/F » n'est pas retenu")
    assert "Motif : Poste déjà pourvu par une autre voie." in smtp.text(declined)
    offer = only(smtp, world.employer.email, "Votre besoin « Commis de cuisine H/F » est devenu")
    assert world.offer.reference in offer["Subject"]
    answered = only(smtp, world.cre.email, "Réponse de Hôtel du Vieux-Port (test) sur le besoin")
    assert f"/besoins/{need.id}" in smtp.text(answered)
    assert "/notifications/desabonnement/" in smtp.text(answered)


def test_assignment_tells_the_cre_and_the_ae_by_label_only(database, smtp):
    world = build_world()
    promoted(world, send=False)
    database.session.commit()
    delivery.deliver()
    to_cre = only(smtp, world.cre.email, "Une personne vous est confiée : Karima B.")
    assert "La cellule Cellule emploi Marseille I (test) vous confie Karima B." in smtp.text(to_cre)
    to_ae = only(smtp, world.ae.email, "Karima B. est confié(e) à un chargé de relations")
    assert "à Claire CRE" in smtp.text(to_ae)
    for secret in ("FT-123456", "garde", world.person.reference):
        assert secret not in body(smtp, to_ae) and secret not in body(smtp, to_cre)


def test_an_interview_date_reaches_the_ae(database, smtp):
    world = build_world()
    promotion = promoted(world)
    record_step(world.cre, promotion, StepInput("interested", TODAY + timedelta(days=3),
                                                meeting="interview"), NOW)
    record_step(world.cre, promotion, StepInput("interview", TODAY + timedelta(days=5)), NOW)
    database.session.commit()
    delivery.deliver()
    message = only(smtp, world.ae.email, "Entretien le 25/11/2026 pour Karima B.")
    assert f"carte {promotion.reference}" in smtp.text(message)
    assert "FT-123456" not in body(smtp, message)


def test_an_immersion_proposed_reaches_the_employer_without_the_person(database, smtp):
    world = build_world()
    promoted(world, send=False)  # the profile is shared with the CRE, who proposes
    monday = TODAY + timedelta(days=10)
    data = ImmersionInput(company_id=world.company.id, rome_code="K2204", objective="discover",
                          schedule=office_hours(), start_date=monday,
                          end_date=monday + timedelta(days=4))
    immersion = propose_immersion(world.cre, world.person, data, TODAY, NOW)
    database.session.commit()
    delivery.deliver()
    message = only(smtp, world.employer.email, "Une immersion vous est proposée")
    assert immersion.reference in message["Subject"]
    assert "du 30/11/2026 au 04/12/2026" in smtp.text(message)
    for secret in (*SECRETS, world.person.reference):
        assert secret not in body(smtp, message)
    to_ae = only(smtp, world.ae.email, "Immersion le 30/11/2026")
    assert "Karima B." in to_ae["Subject"] and "FT-123456" not in body(smtp, to_ae)


def test_a_contact_by_another_organisation_reaches_the_target_s_lead(database, smtp):
    world = build_world()
    lead_org = world.cre.memberships[0].organisation
    factories.target(world.company, lead=world.cre, org=lead_org)
    log_contact(world.other_cre, world.company,
                ContactInput(contacted_on=TODAY, channel="phone", summary="Appel.",
                             outcome="interested"), today=TODAY, confirmed=True)
    database.session.commit()
    delivery.deliver(None)
    # a daily digest by default for this kind
    assert delivery.send_digests("daily") >= 1
    [digest] = smtp.to(world.cre.email)
    assert "France Travail Marseille Centre (test) a contacté Hôtel du Vieux-Port (test)" in smtp.text(digest)


def test_an_invitation_is_mailed_and_still_shown_once_to_the_cre(client, login, database, smtp):
    world = build_world()
    world.company.siret = "73282932000074"
    database.session.commit()
    login(world.cre)
    invited = client.post("/comptes-employeurs/inviter", data={
        "siret": "73282932000074", "contact_name": "Paul Durand", "email": "paul@hotel.example"})
    assert invited.status_code == 303
    shown = client.get(invited.headers["Location"]).get_data(as_text=True)
    assert 'id="lien"' in shown and "un e-mail" in shown
    [message] = smtp.to("paul@hotel.example")
    assert message["Subject"] == "Claire CRE vous invite sur Passerelle"
    text = smtp.text(message)
    assert "compte employeur de Hôtel du Vieux-Port (test)" in text and "valable 7 jours" in text
    assert "/notifications/desabonnement/" not in text  # an invitation has no unsubscribe
    link = re.search(r"http\S+/comptes-employeurs/activation/\S+", text).group(0)
    client.post("/deconnexion")
    path = link.split("127.0.0.1:5000", 1)[1]
    assert client.post(path, data={"password": "Un mot de passe tres long 42"}).status_code == 303
    user = database.session.scalar(select(User).where(User.email == "paul@hotel.example"))
    assert user.active is True
    assert client.get(path).status_code == 404  # spent
