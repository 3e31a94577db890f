"""Invitations stay in the CRE's territory, and a stranger's registration with someone's
address never stands in the way of that person's invitation."""

from sqlalchemy import select

from tests import factories
from webapp.accounts.models import User
from webapp.companies.account_models import EmployerRegistration

SIRET = "44829955900014"
PASSWORD = "un-mot-de-passe-solide"


def _cre(pole_code: str = "I"):
    return factories.user((factories.organisation(pole_code=pole_code), "cre"))


def _invite(client, email="paul@hotel.example", siret=SIRET):
    return client.post(
        "/comptes-employeurs/inviter",
        data={"siret": siret, "contact_name": "Paul Durand", "email": email},
    )


def test_a_cre_cannot_invite_for_a_company_of_another_pole(client, login, database):
    factories.company("Mas des Arènes", insee="13004", siret=SIRET)  # Arles: pôle VII
    login(_cre("I"))
    assert _invite(client).status_code == 404
    assert database.session.scalar(select(User).where(User.email == "paul@hotel.example")) is None


def test_a_cre_invites_for_a_company_of_their_pole(client, login, database):
    factories.company("Mas des Arènes", insee="13004", siret=SIRET)
    login(_cre("VII"))
    assert _invite(client).status_code == 303


def test_a_stranger_registration_does_not_block_the_real_owner_invitation(
    client, login, database
):
    company = factories.company("Hôtel du Vieux-Port", insee="13201", siret=SIRET)
    squatter = client.post("/comptes-employeurs/inscription", data={
        "company_name": "Hôtel du Vieux-Port", "siret": SIRET, "commune_insee": "13201",
        "contact_name": "Un inconnu", "email": "paul@hotel.example",
        "password": "mot-de-passe-de-l-intrus",
    })
    assert squatter.status_code == 303
    login(_cre())
    invited = _invite(client)
    assert invited.status_code == 303
    registration = database.session.scalars(select(EmployerRegistration)).one()
    assert registration.status == "rejected" and "invitation" in registration.reject_reason

    shown = client.get(invited.headers["Location"]).get_data(as_text=True)
    link = shown.split('id="lien" type="text" readonly value="')[1].split('"')[0]
    client.post("/deconnexion")
    intruder = client.post(
        "/connexion", data={"email": "paul@hotel.example", "password": "mot-de-passe-de-l-intrus"}
    )
    assert intruder.status_code == 401
    assert client.post(link.split("localhost", 1)[1], data={"password": PASSWORD}).status_code == 303
    user = database.session.scalar(select(User).where(User.email == "paul@hotel.example"))
    assert user.display_name == "Paul Durand"
    assert [m.organisation.company_id for m in user.memberships] == [company.id]
    login("paul@hotel.example", PASSWORD)


def test_an_address_with_a_real_account_still_cannot_be_invited(client, login, database):
    factories.company("Hôtel du Vieux-Port", insee="13201", siret=SIRET)
    factories.user((factories.organisation(), "ae"), email="paul@hotel.example")
    login(_cre())
    response = _invite(client)
    assert response.status_code == 422 and "un compte existe déjà" in response.get_data(as_text=True)
