"""Employer accounts: self-registration validated by a CRE of the territory, and invitations."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests import factories
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies import accounts as employer_accounts
from webapp.companies.account_models import EmployerRegistration
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.errors import Invalid

SIRET = "44829955900014"
PASSWORD = "un-mot-de-passe-solide"


def _cre(pole_code: str = "I"):
    return factories.user((factories.organisation(pole_code=pole_code), "cre"))


def _register(client, **overrides):
    data = {
        "company_name": "Boulangerie du Panier",
        "siret": "448 299 559 00014",
        "commune_insee": "13201",
        "commune_insee-search": "Marseille 1er",
        "contact_name": "Inès Martin",
        "email": "ines@boulangerie.example",
        "password": PASSWORD,
    }
    data.update(overrides)
    return client.post("/comptes-employeurs/inscription", data=data)


def _registration(database) -> EmployerRegistration:
    return database.session.scalars(select(EmployerRegistration)).one()


def test_self_registration_stays_pending_until_a_cre_of_the_territory_validates(
    client, login, database
):
    known = factories.company("Boulangerie du Panier SARL", insee="13201", siret=SIRET)
    client.post("/deconnexion")
    assert _register(client).status_code == 303
    registration = _registration(database)
    assert registration.status == "pending" and registration.siret == SIRET
    assert registration.user.active is False and registration.user.memberships == []
    refused = client.post(
        "/connexion", data={"email": "ines@boulangerie.example", "password": PASSWORD}
    )
    assert refused.status_code == 401

    login(_cre("VII"))  # Arles: another territory
    assert "Boulangerie du Panier" not in client.get("/comptes-employeurs/").get_data(as_text=True)
    assert client.get(f"/comptes-employeurs/inscriptions/{registration.id}").status_code == 404
    assert (
        client.post(f"/comptes-employeurs/inscriptions/{registration.id}/valider").status_code
        == 404
    )

    cre = _cre("I")
    login(cre)
    page = client.get(f"/comptes-employeurs/inscriptions/{registration.id}").get_data(as_text=True)
    assert "Boulangerie du Panier SARL" in page and "(même SIRET)" in page
    assert (
        client.post(f"/comptes-employeurs/inscriptions/{registration.id}/valider").status_code
        == 303
    )
    assert registration.status == "validated" and registration.decided_by_id == cre.id
    assert registration.company_id == known.id
    organisation = database.session.get(Organisation, registration.organisation_id)
    assert organisation.kind == "employer" and organisation.company_id == known.id
    assert registration.user.active and registration.user.roles == {"employer"}

    login("ines@boulangerie.example", PASSWORD)
    assert client.get("/espace-employeur/").status_code == 200


def test_validation_creates_the_company_when_no_siret_matches(client, login, database):
    _register(client, company_name="Garage Mistral", siret="55200810200014")
    registration = _registration(database)
    login(_cre())
    client.post(f"/comptes-employeurs/inscriptions/{registration.id}/valider")
    company = database.session.get(Company, registration.company_id)
    assert (company.name, company.siret, company.commune_insee) == (
        "Garage Mistral",
        "55200810200014",
        "13201",
    )


def test_a_cre_links_the_account_to_a_close_name_without_siret(client, login, database):
    close = factories.company("Boulangerie du Panier", insee="13201")  # no SIRET in the directory
    factories.company("Boulangerie du Panier", insee="13004")  # same name, other commune
    _register(client)
    registration = _registration(database)
    login(_cre())
    page = client.get(f"/comptes-employeurs/inscriptions/{registration.id}").get_data(as_text=True)
    assert page.count("(nom proche)") == 1 and "Une nouvelle fiche" in page
    client.post(
        f"/comptes-employeurs/inscriptions/{registration.id}/valider",
        data={"company_id": str(close.id)},
    )
    assert registration.company_id == close.id
    assert registration.user.memberships[0].organisation.company_id == close.id


def test_a_cre_rejects_a_registration_with_a_reason(client, login, database):
    _register(client)
    registration = _registration(database)
    login(_cre())
    empty = client.post(
        f"/comptes-employeurs/inscriptions/{registration.id}/refuser", data={"reason": ""}
    )
    assert empty.status_code == 422 and "Motif" in empty.get_data(as_text=True)
    client.post(
        f"/comptes-employeurs/inscriptions/{registration.id}/refuser", data={"reason": "Doublon"}
    )
    assert registration.status == "rejected" and registration.user.active is False
    again = client.post(
        f"/comptes-employeurs/inscriptions/{registration.id}/valider", follow_redirects=True
    )
    assert "déjà traitée" in again.get_data(as_text=True)
    assert registration.user.active is False


@pytest.mark.parametrize(
    ("overrides", "message", "kept"),
    [
        ({"siret": "12345678901234"}, "clé de contrôle fausse", 'value="12345678901234"'),
        ({"siret": "1234"}, "14 chiffres attendus", 'value="1234"'),
        (
            {"commune_insee": "", "commune_insee-search": "Gotham"},
            "Commune : tapez le nom",
            'value="Gotham"',
        ),
        (
            {"commune_insee": "75056"},
            "choisissez une commune des Bouches-du-Rhône",
            'value="Inès Martin"',
        ),
        ({"password": "court"}, "au moins 12 caractères", 'value="Boulangerie du Panier"'),
        (
            {"email": "pas-une-adresse"},
            "Adresse e-mail : elle n&#39;est pas valide.",
            'value="pas-une-adresse"',
        ),
    ],
)
def test_registration_errors_are_in_french_and_keep_the_input(
    client, database, overrides, message, kept
):
    response = _register(client, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and kept in page
    assert database.session.scalars(select(EmployerRegistration)).first() is None


def test_registration_with_a_known_email_gets_the_same_answer_and_records_nothing(
    client, database
):
    fresh = _register(client, email="nouvelle@boulangerie.example")
    factories.user(email="ines@boulangerie.example")
    known = _register(client)
    assert known.status_code == fresh.status_code == 303
    assert known.headers["Location"] == fresh.headers["Location"]
    assert "existe" not in client.get(known.headers["Location"]).get_data(as_text=True)
    emails = database.session.scalars(select(EmployerRegistration.email)).all()
    assert emails == ["nouvelle@boulangerie.example"]


def test_public_commune_autocomplete_answers_a_fragment(client, database):
    response = client.get(
        "/comptes-employeurs/communes?q=aubag&target=commune_insee", headers={"HX-Request": "true"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Aubagne" in page and "<html" not in page


def test_a_cre_invites_an_employer_who_activates_with_the_one_time_link(client, login, database):
    company = factories.company("Hôtel du Vieux-Port", insee="13201", siret=SIRET)
    login(_cre())
    unknown = client.post(
        "/comptes-employeurs/inviter",
        data={
            "siret": "55200810200014",
            "contact_name": "Paul Durand",
            "email": "paul@hotel.example",
        },
    )
    assert unknown.status_code == 422 and "aucune entreprise de l&#39;annuaire" in unknown.get_data(
        as_text=True
    )
    invited = client.post(
        "/comptes-employeurs/inviter",
        data={"siret": SIRET, "contact_name": "Paul Durand", "email": "paul@hotel.example"},
    )
    assert invited.status_code == 303
    shown = client.get(invited.headers["Location"]).get_data(as_text=True)
    link = shown.split('id="lien" type="text" readonly value="')[1].split('"')[0]
    assert "/comptes-employeurs/activation/" in link
    assert link not in client.get(invited.headers["Location"]).get_data(as_text=True)  # shown once

    user = database.session.scalar(select(User).where(User.email == "paul@hotel.example"))
    assert user.active is False and user.memberships[0].organisation.company_id == company.id
    client.post("/deconnexion")
    path = link.split("localhost", 1)[1]
    weak = client.post(path, data={"password": "court"})
    assert weak.status_code == 422 and "au moins 12 caractères" in weak.get_data(as_text=True)
    assert client.post(path, data={"password": PASSWORD}).status_code == 303
    assert user.active is True
    assert client.get(path).status_code == 404  # spent
    login("paul@hotel.example", PASSWORD)
    assert "Hôtel du Vieux-Port" in client.get("/espace-employeur/").get_data(as_text=True)


def test_an_expired_invitation_is_refused(database):
    cre = _cre()
    company = factories.company(siret=SIRET)
    now = clock.now()
    _, token = employer_accounts.invite_employer(
        cre, company, "Paul Durand", "paul@hotel.example", now
    )
    with pytest.raises(Invalid, match="expiré"):
        employer_accounts.activate_invitation(token, PASSWORD, now + timedelta(days=8))
    with pytest.raises(Invalid, match="pas valable"):
        employer_accounts.activate_invitation("n-importe-quoi", PASSWORD, now)


def test_two_employer_accounts_of_one_company_share_one_organisation(database):
    cre = _cre()
    company = factories.company("Hôtel du Vieux-Port", siret=SIRET)
    now = clock.now()
    first, _ = employer_accounts.invite_employer(
        cre, company, "Paul Durand", "paul@hotel.example", now
    )
    second, _ = employer_accounts.invite_employer(
        cre, company, "Léa Durand", "lea@hotel.example", now
    )
    assert first.user.memberships[0].organisation_id == second.user.memberships[0].organisation_id


def test_employer_pages_are_a_404_for_other_roles(client, login, database):
    login(factories.user((factories.organisation(), "ae")))
    for url in ("/comptes-employeurs/", "/comptes-employeurs/inviter", "/besoins/"):
        assert client.get(url).status_code == 404, url
