"""A registration for a company that already has employer accounts: approved by one of its
account holders, or by a CRE who saw them and confirmed."""

from sqlalchemy import select

from tests import factories
from webapp.companies.account_models import EmployerRegistration
from webapp.companies.accounts import ensure_employer_organisation

SIRET = "44829955900014"


def _company_with_an_account():
    company = factories.company("Hôtel du Vieux-Port", insee="13201", siret=SIRET)
    holder = factories.user(
        (ensure_employer_organisation(company), "employer"), name="Paul Titulaire",
        email="paul@hotel.example",
    )
    return company, holder


def _request(client, email="intrus@exemple.fr"):
    client.post("/deconnexion")
    response = client.post("/comptes-employeurs/inscription", data={
        "company_name": "Hôtel du Vieux-Port", "siret": SIRET, "commune_insee": "13201",
        "contact_name": "Nouvelle Personne", "email": email, "password": "un-mot-de-passe-solide",
    })
    assert response.status_code == 303


def _pending(database) -> EmployerRegistration:
    return database.session.scalars(select(EmployerRegistration)).one()


def test_the_cre_sees_the_existing_accounts_and_must_confirm(client, login, database):
    company, _ = _company_with_an_account()
    _request(client)
    registration = _pending(database)
    login(factories.user((factories.organisation(pole_code="I"), "cre")))
    page = client.get(f"/comptes-employeurs/inscriptions/{registration.id}").get_data(as_text=True)
    assert "Paul Titulaire (paul@hotel.example)" in page
    assert "les immersions (PMSMP) accueillies, avec le nom des personnes accueillies" in page
    url = f"/comptes-employeurs/inscriptions/{registration.id}/valider"
    refused = client.post(url, data={"company_id": company.id}, follow_redirects=True)
    assert "a déjà des comptes employeurs" in refused.get_data(as_text=True)
    assert registration.status == "pending" and registration.user.active is False
    client.post(url, data={"company_id": company.id, "confirm_existing": "y"})
    assert registration.status == "validated" and registration.user.active is True


def test_an_account_holder_approves_a_colleague_from_their_space(client, login, database):
    company, holder = _company_with_an_account()
    _request(client, "collegue@hotel.example")
    registration = _pending(database)
    login(holder)
    page = client.get("/espace-employeur/demandes/").get_data(as_text=True)
    assert "collegue@hotel.example" in page
    assert client.post(f"/espace-employeur/demandes/{registration.id}/accepter").status_code == 303
    assert registration.status == "validated" and registration.decided_by_id == holder.id
    assert [m.organisation.company_id for m in registration.user.memberships] == [company.id]


def test_an_account_holder_refuses_a_stranger(client, login, database):
    _, holder = _company_with_an_account()
    _request(client)
    registration = _pending(database)
    login(holder)
    assert client.post(f"/espace-employeur/demandes/{registration.id}/refuser").status_code == 303
    assert registration.status == "rejected" and registration.user.active is False


def test_the_employer_of_another_company_cannot_see_nor_approve(client, login, database):
    _company_with_an_account()
    _request(client)
    registration = _pending(database)
    other = factories.company("Autre hôtel", insee="13201", siret="73282932000074")
    login(factories.user((ensure_employer_organisation(other), "employer")))
    assert "intrus@exemple.fr" not in client.get("/espace-employeur/demandes/").get_data(
        as_text=True
    )
    assert client.post(f"/espace-employeur/demandes/{registration.id}/accepter").status_code == 404
    assert registration.status == "pending"


def test_a_first_account_needs_no_confirmation(client, login, database):
    company = factories.company("Hôtel du Vieux-Port", insee="13201", siret=SIRET)
    _request(client)
    registration = _pending(database)
    login(factories.user((factories.organisation(pole_code="I"), "cre")))
    client.post(f"/comptes-employeurs/inscriptions/{registration.id}/valider",
                data={"company_id": company.id})
    assert registration.status == "validated"
