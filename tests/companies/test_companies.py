"""The employer directory: the form and its checks, probable duplicates, merging, who sees what."""

import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from tests import factories
from webapp.accounts.organisation_models import Organisation
from webapp.companies.directory import (
    CompanyValues,
    find_probable_duplicates,
    normalise_company_name,
    update_company,
)
from webapp.companies.merge import merge_companies
from webapp.companies.models import Company, CompanyContact
from webapp.core.errors import Conflict
from webapp.needs.models import HiringNeed
from webapp.offers.editing import update_offer
from webapp.offers.values import OfferValues

VALID_SIRET = "45218739600018"
OTHER_SIRET = "81234567800021"


def _cre(name="Camille CRE"):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi", pole_code=None)
    return org, factories.user((org, "cre"), name=name)


def _form(**changes) -> dict:
    data = {
        "name": "Boulangerie Martin", "siret": "452 187 396 00018", "naf_code": "10",
        "commune_insee": "13005", "address": "3 cours Foch", "size_band": "1-9",
        "welcomes_immersion": "y", "club_member": "y",
        "contacts-0-name": "Sophie Martin", "contacts-0-role": "Gérante",
        "contacts-0-phone": "04 42 00 00 00", "contacts-0-email": "Sophie@Exemple.fr",
        "contacts-1-name": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_cre_creates_a_company_with_its_contacts_and_labels(client, login, database):
    _, cre = _cre()
    login(cre)
    page = client.get("/entreprises/nouvelle").get_data(as_text=True)
    assert '<option value="10">10 – ' in page and 'hx-get="/api/communes?target=commune_insee"' in page
    response = client.post("/entreprises/nouvelle", data=_form())
    assert response.status_code == 303, response.get_data(as_text=True)
    company = database.session.scalar(select(Company).where(Company.name == "Boulangerie Martin"))
    assert (company.siret, company.naf_code, company.commune_insee) == (VALID_SIRET, "10", "13005")
    assert company.labels == ["Entreprise accueillante", "Club des entreprises"]
    assert [(c.name, c.role, c.email) for c in company.contacts] == [
        ("Sophie Martin", "Gérante", "sophie@exemple.fr")]
    detail = client.get(f"/entreprises/{company.id}").get_data(as_text=True)
    assert "Entreprise accueillante" in detail and "Sophie Martin" in detail and "Aubagne" in detail


def test_an_invalid_siret_and_an_unknown_commune_are_field_errors_keeping_the_input(client, login, database):
    _, cre = _cre()
    login(cre)
    response = client.post("/entreprises/nouvelle", data=_form(
        siret="452 187 396 00019", commune_insee="", **{"commune_insee-search": "Aubagn"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "SIRET « 452 187 396 00019 » invalide : clé de contrôle fausse" in page
    assert "Commune inconnue : choisissez-la dans la liste proposée." in page
    assert 'value="452 187 396 00019"' in page and 'value="Aubagn"' in page
    assert database.session.scalar(select(Company).where(Company.name == "Boulangerie Martin")) is None


def test_la_postes_sirets_are_the_known_exception(client, login, database):
    _, cre = _cre()
    login(cre)
    response = client.post("/entreprises/nouvelle", data=_form(name="La Poste Aubagne", siret="35600000049837"))
    assert response.status_code == 303


@pytest.mark.parametrize(("name", "insee", "siret", "flagged"), [
    ("SARL Boulangerie Martin", "13005", None, True),  # close name, same commune
    ("BOULANGERIE MARTIN", "13005", None, True),
    ("Boulangerie Martin", "13004", None, False),  # same name elsewhere
    ("Tout autre nom", "13004", VALID_SIRET, True),  # same SIRET
    ("Boucherie Marin", "13005", OTHER_SIRET, False),
])
def test_probable_duplicates(database, name, insee, siret, flagged):
    existing = factories.company("Boulangerie Martin", insee="13005", siret=VALID_SIRET)
    found = find_probable_duplicates(CompanyValues(name=name, commune_insee=insee, siret=siret))
    assert (found == [existing]) is flagged


def test_creating_a_probable_duplicate_warns_then_creates_on_confirmation(client, login, database):
    _, cre = _cre()
    existing = factories.company("Boulangerie Martin", insee="13005")
    login(cre)
    warned = client.post("/entreprises/nouvelle", data=_form(name="Boulangerie MARTIN (SARL)", siret=None))
    page = warned.get_data(as_text=True)
    assert warned.status_code == 422 and "Cette entreprise semble déjà dans l'annuaire" in page
    assert f'href="/entreprises/{existing.id}"' in page and "Créer quand même" in page
    assert len(database.session.scalars(select(Company).where(Company.commune_insee == "13005")).all()) == 1
    created = client.post("/entreprises/nouvelle", data=_form(name="Boulangerie MARTIN (SARL)", siret=None,
                                                              creer_quand_meme="1"))
    assert created.status_code == 303
    assert len(database.session.scalars(select(Company).where(Company.commune_insee == "13005")).all()) == 2


def test_a_stale_company_save_is_refused_and_says_what_differs(client, login, database):
    org, first = _cre("Alice Première")
    second = factories.user((org, "cre"), name="Bruno Second")
    company = factories.company("Boulangerie Martin", insee="13005")
    opened_at = company.version
    update_company(second, company, CompanyValues(name="Boulangerie Martin & fils", commune_insee="13005"),
                   opened_at)
    login(first)
    response = client.post(f"/entreprises/{company.id}/modifier",
                           data=_form(version=str(opened_at), siret=None))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Fiche modifiée entre-temps par Bruno Second" in page
    assert "nom : « Boulangerie Martin &amp; fils »" in page
    database.session.refresh(company)
    assert company.name == "Boulangerie Martin & fils"
    with pytest.raises(Conflict):
        update_company(first, company, CompanyValues(name="X", commune_insee="13005"), opened_at)


def test_removing_a_contact_leaves_no_offer_pointing_at_it(database):
    org, cre = _cre()
    company = factories.company("Boulangerie Martin", insee="13005")
    contact = CompanyContact(company=company, name="Sophie Martin")
    database.session.add(contact)
    database.session.flush()
    offer = factories.offer(org, company_id=company.id, contact_id=contact.id)
    update_company(cre, company, CompanyValues(name=company.name, commune_insee="13005"), company.version)
    database.session.refresh(offer)
    assert company.contacts == [] and offer.contact_id is None


def test_merging_two_companies_moves_everything_and_hides_the_absorbed_one(client, login, database):
    org, cre = _cre()
    kept = factories.company("Boulangerie Martin", insee="13005")
    absorbed = factories.company("BOULANGERIE MARTIN SARL", insee="13005", siret=VALID_SIRET,
                                 welcomes_immersion=True)
    database.session.add(CompanyContact(company=absorbed, name="Sophie Martin"))
    offer = factories.offer(org, company_id=absorbed.id, insee="13005")
    need = factories.need(org, firm=absorbed, insee="13005")
    employer = factories.employer(absorbed)
    login(cre)
    page = client.get(f"/entreprises/{kept.id}/fusionner").get_data(as_text=True)
    assert f"Absorber la fiche n° {absorbed.id}" in page  # offered as a probable duplicate
    response = client.post(f"/entreprises/{kept.id}/fusionner", data={"absorbed_id": str(absorbed.id)})
    assert response.status_code == 303
    kept, absorbed = database.session.get(Company, kept.id), database.session.get(Company, absorbed.id)
    assert (absorbed.merged_into_id, absorbed.merged_by_id) == (kept.id, cre.id)
    assert [c.name for c in kept.contacts] == ["Sophie Martin"]
    assert kept.siret == VALID_SIRET and kept.welcomes_immersion  # gaps filled from the absorbed one
    assert database.session.get(type(offer), offer.id).company_id == kept.id
    assert database.session.get(HiringNeed, need.id).company_id == kept.id
    assert database.session.get(Organisation, employer.memberships[0].organisation_id).company_id == kept.id
    listing = client.get("/entreprises/?q=boulangerie").get_data(as_text=True)
    assert re.findall(r'href="/entreprises/(\d+)"', listing) == [str(kept.id)]
    notice = client.get(f"/entreprises/{absorbed.id}").get_data(as_text=True)
    assert "Cette fiche a été fusionnée" in notice
    moved = client.get(f"/entreprises/{absorbed.id}/modifier")
    assert moved.status_code == 302 and moved.headers["Location"].endswith(f"/entreprises/{kept.id}/modifier")


def test_an_offer_naming_a_merged_company_follows_it(database):
    org, cre = _cre()
    kept = factories.company("Boulangerie Martin", insee="13005")
    absorbed = factories.company("Boulangerie Martin bis", insee="13005")
    offer = factories.offer(org, cre_id=cre.id, company_id=kept.id)
    merge_companies(cre, kept, absorbed)
    values = replace(OfferValues.of(offer), company_id=absorbed.id, salary="SMIC")
    update_offer(cre, offer, values, offer.version)
    assert offer.company_id == kept.id


def test_an_employer_sees_only_its_own_company(client, login, database):
    mine = factories.company("Ma boulangerie", insee="13005")
    theirs = factories.company("Boulangerie concurrente", insee="13005")
    login(factories.employer(mine))
    entry = client.get("/entreprises/")  # the menu's "Entreprises": their company's page
    assert entry.status_code == 302 and entry.location.endswith(f"/entreprises/{mine.id}")
    listing = client.get("/entreprises/?q=boulangerie").get_data(as_text=True)
    assert "Ma boulangerie" in listing and "Boulangerie concurrente" not in listing
    assert client.get(f"/entreprises/{mine.id}").status_code == 200
    assert client.get(f"/entreprises/{theirs.id}").status_code == 404
    assert client.get(f"/entreprises/{mine.id}/modifier").status_code == 404
    assert client.get("/entreprises/nouvelle").status_code == 404
    suggestions = client.get("/entreprises/suggestions?q=boulangerie").get_data(as_text=True)
    assert "Ma boulangerie" in suggestions and "concurrente" not in suggestions


def test_the_directory_filters_live(client, login, database):
    _, cre = _cre()
    factories.company("Boulangerie Martin", insee="13005", siret=VALID_SIRET, club_member=True)
    factories.company("Garage du Port", insee="13004", naf_code="45")
    login(cre)
    response = client.get("/entreprises/?q=45218739", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment and "Boulangerie Martin" in fragment and "Garage" not in fragment
    assert "Garage du Port" in client.get("/entreprises/?commune=13004").get_data(as_text=True)
    directory = client.get("/entreprises/")  # the task force keeps its directory
    assert directory.status_code == 200
    assert "<td>Commerce et réparation d&#39;automobiles et de motocycles</td>" in directory.get_data(as_text=True)
    labelled = client.get("/entreprises/?label=club_member").get_data(as_text=True)
    assert "Boulangerie Martin" in labelled and "Garage du Port" not in labelled


def test_names_are_compared_without_legal_form_or_accents():
    assert normalise_company_name("SARL Boulangerie Émile & Fils") == "boulangerie emile fils"


def test_an_employer_never_reads_the_task_forces_internal_notes(client, login, database):
    firm = factories.company("Boulangerie des Notes (fictif)", insee="13201")
    firm.notes = "Gérant difficile à joindre le lundi (note interne)"
    database.session.flush()
    login(factories.employer(firm))
    page = client.get(f"/entreprises/{firm.id}").get_data(as_text=True)
    assert "Boulangerie des Notes" in page and "note interne" not in page
    cre = factories.user((factories.organisation("Département – service emploi",
                                                 kind="departement_emploi"), "cre"))
    login(cre)
    assert "note interne" in client.get(f"/entreprises/{firm.id}").get_data(as_text=True)
