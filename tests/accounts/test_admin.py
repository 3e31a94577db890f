from sqlalchemy import select

from tests import factories
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.reference.models import Commune, Pole


def _admin(login):
    admin = factories.user((factories.organisation("Département 13", kind="departement_emploi", pole_code=None), "admin"))
    login(admin)
    return admin


def test_admin_creates_an_organisation(client, login, database):
    _admin(login)
    pole_id = database.session.scalar(select(Pole.id).where(Pole.code == "III"))
    response = client.post("/admin/organisations/nouvelle", data={
        "name": "PLIE Marseille Provence", "kind": "plie", "pole_id": str(pole_id), "active": "y",
    })
    assert response.status_code == 303
    org = database.session.scalar(select(Organisation).where(Organisation.name == "PLIE Marseille Provence"))
    assert org.kind == "plie" and org.pole_id == pole_id


def test_duplicate_organisation_name_is_a_field_error_and_keeps_the_input(client, login, database):
    _admin(login)
    factories.organisation("Mission locale de Marseille", kind="mission_locale")
    response = client.post("/admin/organisations/nouvelle", data={
        "name": "mission locale de marseille", "kind": "mission_locale", "pole_id": "",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Une organisation porte déjà ce nom." in page
    assert 'value="mission locale de marseille"' in page


def test_admin_creates_a_user_grants_a_role_and_deactivates_the_account(client, login, database):
    _admin(login)
    org = factories.organisation("Agence FT Marseille Joliette")
    response = client.post("/admin/utilisateurs/nouveau", data={
        "email": "lea.demo@exemple.fr", "display_name": "Léa Démo", "password": "mot-de-passe-long", "active": "y",
    })
    assert response.status_code == 303
    user = database.session.scalar(select(User).where(User.email == "lea.demo@exemple.fr"))
    client.post(f"/admin/utilisateurs/{user.id}/roles", data={
        "role-organisation_id": str(org.id), "role-role": "ae", "role-pole_id": "",
    })
    assert user.roles == {"ae"}
    client.post(f"/admin/utilisateurs/{user.id}", data={"email": user.email, "display_name": "Léa Démo"})
    assert user.active is False
    client.post("/deconnexion")
    refused = client.post("/connexion", data={"email": "lea.demo@exemple.fr", "password": "mot-de-passe-long"})
    assert refused.status_code == 401


def test_employer_role_only_in_an_employer_organisation(client, login, database):
    _admin(login)
    user = factories.user()
    org = factories.organisation("PLIE Test", kind="plie")
    client.post(f"/admin/utilisateurs/{user.id}/roles", data={
        "role-organisation_id": str(org.id), "role-role": "employer", "role-pole_id": "",
    })
    assert user.roles == set()


def test_moving_a_commune_to_another_pole_with_htmx(client, login, database):
    _admin(login)
    response = client.post("/admin/poles/communes/13001", data={"pole": "X"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.get_data(as_text=True)
    assert database.session.get(Commune, "13001").pole.code == "X"


def test_moving_an_unknown_commune_is_refused(client, login, database):
    _admin(login)
    response = client.post("/admin/poles/communes/99999", data={"pole": "X"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Commune inconnue" in response.get_data(as_text=True)
