"""The contact log: shared across organisations, the over-solicitation warning, « ne pas
solliciter », and a need detected during an exchange made a hiring need or a draft offer in one
click."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.clock import TODAY
from webapp.core import clock
from webapp.core.errors import Invalid
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer
from webapp.prospection.actions import ActionInput, plan_action
from webapp.prospection.contacts import ContactInput, SolicitationWarning, log_contact
from webapp.prospection.detected_needs import need_from_contact
from webapp.prospection.models import CompanyContactLog
from webapp.prospection.solicit import lift_mark, mark_do_not_solicit


@pytest.fixture
def world(database):
    dept = factories.organisation("Département – service emploi", kind="departement_emploi")
    plie = factories.organisation("PLIE Marseille Provence", kind="plie")
    return {
        "dept": dept, "plie": plie,
        "cre": factories.user((dept, "cre"), name="Camille Roux"),
        "colleague": factories.user((dept, "cre"), name="Jade Collègue"),
        "plie_cre": factories.user((plie, "cre"), name="Karim Benali"),
        "company": factories.company("Entrepôts du Roucas", insee="13207", naf_code="52"),
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True).replace("&#39;", "'"))


def _contact(**changes) -> dict:
    data = {"contacted_on": TODAY.isoformat(), "channel": "phone", "outcome": "interested",
            "person_met": "M. Martin, responsable RH", "summary": "Présentation de la task force."}
    data.update(changes)
    return data


def _exchange(days_ago: int = 0, channel: str = "phone") -> ContactInput:
    return ContactInput(contacted_on=TODAY - timedelta(days=days_ago), channel=channel,
                        summary="Appel de présentation.", outcome="interested")


def test_a_contact_by_another_organisation_lately_asks_for_a_confirmation(client, login, world):
    factories.contact_entry(world["company"], world["plie_cre"], world["plie"], days_ago=5,
                            summary="Appel pour une candidate en reconversion.")
    login(world["cre"])
    url = f"/prospection/entreprises/{world['company'].id}/echange"
    response = client.post(url, data=_contact())
    assert response.status_code == 422
    page = _text(response)
    day = (TODAY - timedelta(days=5)).strftime("%d/%m/%Y")
    assert "Attention, risque de sur-sollicitation." in page
    assert (f"Contact récent d'une autre organisation (moins de 15 jours) : Karim Benali (PLIE "
            f"Marseille Provence) le {day}, téléphone : « Appel pour une candidate en "
            "reconversion. ».") in page
    assert "Présentation de la task force." in page  # what was typed is kept
    assert len(factories.db.session.scalars(select(CompanyContactLog)).all()) == 1
    response = client.post(url, data=_contact(confirm="y"))
    assert response.status_code == 303
    entry = factories.db.session.scalars(select(CompanyContactLog).where(
        CompanyContactLog.author_id == world["cre"].id)).one()
    assert entry.organisation_id == world["dept"].id
    assert entry.confirmed_despite.startswith("Contact récent d'une autre organisation")
    company_page = _text(client.get(f"/entreprises/{world['company'].id}"))
    assert "Appel pour une candidate en reconversion." in company_page
    assert "Karim Benali (PLIE Marseille Provence)" in company_page


@pytest.mark.parametrize(("author", "days_ago", "channel", "warned"), [
    ("colleague", 2, "phone", False),  # the same organisation coordinates internally
    ("plie_cre", 14, "visit", True),
    ("plie_cre", 15, "phone", False),  # 15 days ago is no longer "less than 15 days"
    ("plie_cre", 1, "note", False),  # an internal note is not a contact
])
def test_which_earlier_exchanges_warn(world, author, days_ago, channel, warned):
    org = world["dept"] if author == "colleague" else world["plie"]
    factories.contact_entry(world["company"], world[author], org, days_ago=days_ago,
                            channel=channel)
    if warned:
        with pytest.raises(SolicitationWarning):
            log_contact(world["cre"], world["company"], _exchange(), today=TODAY)
    else:
        assert log_contact(world["cre"], world["company"], _exchange(), today=TODAY).id


def test_the_quiet_period_comes_from_the_configuration(app, client, login, world):
    factories.contact_entry(world["company"], world["plie_cre"], world["plie"], days_ago=20)
    login(world["cre"])
    url = f"/prospection/entreprises/{world['company'].id}/echange"
    app.config["PROSPECTION_QUIET_DAYS"] = 30
    try:
        assert client.post(url, data=_contact()).status_code == 422
    finally:
        app.config["PROSPECTION_QUIET_DAYS"] = 15
    assert client.post(url, data=_contact()).status_code == 303


def test_a_contact_dated_in_the_future_is_refused(client, login, world):
    login(world["cre"])
    tomorrow = TODAY + timedelta(days=1)
    response = client.post(f"/prospection/entreprises/{world['company'].id}/echange",
                           data=_contact(contacted_on=tomorrow.isoformat()))
    assert response.status_code == 422
    assert (f"Date de l'échange : le {tomorrow:%d/%m/%Y} est dans le futur." in _text(response))
    assert factories.db.session.scalars(select(CompanyContactLog)).all() == []


def test_do_not_solicit_warns_contacts_and_blocks_actions_until_its_date(client, login, world):
    until = TODAY + timedelta(days=30)
    login(world["plie_cre"])
    response = client.post(f"/prospection/entreprises/{world['company'].id}/ne-pas-solliciter",
                           data={"until": until.isoformat(), "reason": ""})
    assert "Motif : dites pourquoi l'entreprise ne doit pas être sollicitée." in _text(response)
    client.post(f"/prospection/entreprises/{world['company'].id}/ne-pas-solliciter",
                data={"until": until.isoformat(), "reason": "Trop sollicitée en mars."})
    with pytest.raises(SolicitationWarning) as warned:
        log_contact(world["cre"], world["company"], _exchange(), today=TODAY)
    assert warned.value.lines == [(
        f"Ne pas solliciter jusqu'au {until:%d/%m/%Y} : Trop sollicitée en mars. (Karim Benali, "
        "PLIE Marseille Provence).")]
    target = factories.target(world["company"], lead=world["cre"], org=world["dept"])
    with pytest.raises(Invalid, match="ne doit pas être sollicitée jusqu'au"):
        plan_action(world["cre"], target, ActionInput("call", TODAY + timedelta(days=3),
                                                      world["cre"].id), TODAY)
    assert plan_action(world["cre"], target, ActionInput(
        "call", until + timedelta(days=1), world["cre"].id), TODAY).id
    page = _text(client.get(f"/entreprises/{world['company'].id}"))
    assert f"Ne pas solliciter jusqu'au {until:%d/%m/%Y}" in page


def test_a_mark_in_the_past_is_refused_and_a_lifted_mark_no_longer_warns(world):
    with pytest.raises(Invalid, match="la date est déjà passée"):
        mark_do_not_solicit(world["cre"], world["company"], TODAY - timedelta(days=1), "Motif",
                            TODAY)
    mark = mark_do_not_solicit(world["cre"], world["company"], TODAY + timedelta(days=9),
                               "Fermeture annuelle.", TODAY)
    lift_mark(world["plie_cre"], mark, clock.now())
    assert log_contact(world["cre"], world["company"], _exchange(), today=TODAY).id


def _need_entry(world, author="cre") -> CompanyContactLog:
    org = world["dept"] if author == "cre" else world["plie"]
    return factories.contact_entry(
        world["company"], world[author], org, days_ago=1, outcome="need_detected",
        summary="Trois préparateurs pour le pic de novembre.", person_met="M. Martin",
        need_rome_code="N1103", need_positions=3, need_hours=30.0)


def test_a_need_from_a_contact_becomes_a_hiring_need_in_one_click(client, login, world):
    entry = _need_entry(world)
    login(world["cre"])
    page = _text(client.get(f"/entreprises/{world['company'].id}"))
    assert "Créer le besoin de recrutement" in page and "Créer un brouillon d'offre" in page
    response = client.post(f"/prospection/echanges/{entry.id}/besoin")
    assert response.status_code == 303
    need = factories.db.session.scalars(select(HiringNeed)).one()
    assert response.headers["Location"].endswith(f"/besoins/{need.id}")
    assert (need.company_id, need.rome_code, need.positions, need.hours_per_week) == (
        world["company"].id, "N1103", 3, 30.0)
    assert (need.commune_insee, need.contract, need.status, need.cre_id) == (
        "13207", "CDI", "in_progress", world["cre"].id)
    assert need.start_date == TODAY + timedelta(days=30)
    assert "Trois préparateurs pour le pic de novembre." in need.comment
    assert "M. Martin" in need.comment and entry.hiring_need_id == need.id
    again = client.post(f"/prospection/echanges/{entry.id}/besoin")
    assert "Le besoin a déjà été créé depuis cet échange." in _text(client.get(
        again.headers["Location"]))
    assert len(factories.db.session.scalars(select(HiringNeed)).all()) == 1


def test_a_need_outside_the_cre_territory_waits_in_that_territory_queue(world):
    world["company"].commune_insee = "13214"
    need = need_from_contact(world["cre"], _need_entry(world), TODAY, clock.now())
    assert (need.status, need.cre_id) == ("waiting", None)
    assert need.pole_id == factories.pole("IV").id


def test_a_need_from_a_contact_becomes_a_draft_offer_in_one_click(client, login, world):
    entry = _need_entry(world)
    login(world["cre"])
    response = client.post(f"/prospection/echanges/{entry.id}/offre")
    assert response.status_code == 303
    offer = factories.db.session.scalars(select(Offer)).one()
    assert response.headers["Location"].endswith(f"/offres/{offer.id}/modifier")
    assert (offer.status, offer.rome_code, offer.company_id, offer.positions) == (
        "draft", "N1103", world["company"].id, 3)
    assert (offer.organisation_id, offer.cre_id, offer.hours_per_week) == (
        world["dept"].id, world["cre"].id, 30.0)
    assert "Trois préparateurs pour le pic de novembre." in offer.description
    assert entry.offer_id == offer.id


def test_only_the_author_or_the_target_cres_convert_a_contact(client, login, world):
    entry = _need_entry(world, author="plie_cre")
    login(world["cre"])
    assert "Créer le besoin de recrutement" not in _text(
        client.get(f"/entreprises/{world['company'].id}"))
    response = client.post(f"/prospection/echanges/{entry.id}/besoin")
    assert "Seuls l'auteur de l'échange et les CRE de la cible peuvent le faire." in _text(
        client.get(response.headers["Location"]))
    assert factories.db.session.scalars(select(HiringNeed)).all() == []


def test_a_detected_need_needs_its_job(client, login, world):
    login(world["cre"])
    response = client.post(f"/prospection/entreprises/{world['company'].id}/echange",
                           data=_contact(outcome="need_detected"))
    assert response.status_code == 422
    assert ("Métier du besoin : choisissez le métier repéré, pour pouvoir en faire un besoin ou "
            "une offre en un clic.") in _text(response)
