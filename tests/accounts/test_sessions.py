"""A session ends for good: logout, password change and deactivation kill every copy of the
cookie; deactivating an organisation cuts its users off."""

from flask import g

from tests import factories


def _copy_session_cookie(client) -> str:
    return client.get_cookie("session").value


def _forget_loaded_user() -> None:
    """Test requests share the test's app context, so Flask-Login's cached user would survive
    from one request to the next: drop it, as a real server's next request would."""
    g.pop("_login_user", None)


def _replay(app, cookie: str):
    _forget_loaded_user()
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief.get("/")


def test_a_cookie_copied_before_logout_is_dead_after_it(app, client, login, database):
    person = factories.user((factories.organisation(), "cre"))
    login(person)
    cookie = _copy_session_cookie(client)
    assert _replay(app, cookie).status_code == 200  # the copy works while the session lives
    client.post("/deconnexion")
    replayed = _replay(app, cookie)
    assert replayed.status_code == 302 and "/connexion" in replayed.headers["Location"]


def test_logging_in_again_after_logout_works(client, login, database):
    person = factories.user((factories.organisation(), "cre"))
    login(person)
    client.post("/deconnexion")
    login(person)
    _forget_loaded_user()
    assert client.get("/").status_code == 200


def test_a_password_change_or_a_deactivation_ends_the_sessions(app, client, login, database):
    department = factories.organisation("Département 13", kind="departement_emploi", pole_code=None)
    admin = factories.user((department, "admin"))
    person = factories.user((factories.organisation(), "cre"))
    login(person)
    cookie = _copy_session_cookie(client)
    login(admin)
    client.post(f"/admin/utilisateurs/{person.id}", data={
        "email": person.email, "display_name": person.display_name, "active": "y",
        "password": "nouveau-mot-de-passe-solide",
    })
    assert _replay(app, cookie).status_code == 302
    login(person.email, "nouveau-mot-de-passe-solide")
    cookie = _copy_session_cookie(client)
    login(admin)
    client.post(f"/admin/utilisateurs/{person.id}", data={
        "email": person.email, "display_name": person.display_name,
    })
    assert person.active is False
    assert _replay(app, cookie).status_code == 302


def test_an_old_cookie_without_a_session_version_is_refused(app, client, login, database):
    person = factories.user((factories.organisation(), "cre"))
    with client.session_transaction() as session:
        session["_user_id"] = str(person.id)  # the form sessions had before versions
        session["_fresh"] = True
    _forget_loaded_user()
    assert client.get("/").status_code == 302


def test_deactivating_an_organisation_cuts_its_users_off(client, login, database):
    agency = factories.organisation("Agence France Travail Test")
    person = factories.user((agency, "ae", "I"))
    login(person)
    assert client.get("/").status_code == 200
    agency.active = False
    database.session.flush()
    _forget_loaded_user()
    assert client.get("/").status_code == 302  # the open session is cut
    refused = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    assert refused.status_code == 401
    assert "Adresse e-mail ou mot de passe incorrect." in refused.get_data(as_text=True)


def test_a_user_with_another_active_organisation_keeps_access(client, login, database):
    closed = factories.organisation("PLIE fermé", kind="plie", active=False)
    open_ = factories.organisation("Agence ouverte")
    person = factories.user((closed, "ae"), (open_, "ae"))
    login(person)
    _forget_loaded_user()
    assert client.get("/").status_code == 200


def test_roles_held_in_a_deactivated_organisation_grant_nothing(database):
    from webapp.core.permissions import may

    closed = factories.organisation("PLIE fermé", kind="plie")
    open_ = factories.organisation("Agence ouverte")
    person = factories.user((closed, "ae"), (open_, "cre"))
    assert may(person, "profile.create")  # the AE role
    closed.active = False
    database.session.flush()
    assert not may(person, "profile.create")
    assert may(person, "offer.create")  # the CRE role, in the organisation still open


def test_an_administrator_changing_their_own_password_stays_logged_in(
    app, client, login, database
):
    department = factories.organisation("Département 13", kind="departement_emploi", pole_code=None)
    admin = factories.user((department, "admin"))
    login(admin)
    elsewhere = _copy_session_cookie(client)
    client.post(f"/admin/utilisateurs/{admin.id}", data={
        "email": admin.email, "display_name": admin.display_name, "active": "y",
        "password": "nouveau-mot-de-passe-solide",
    })
    assert _replay(app, elsewhere).status_code == 302  # the other sessions end
    _forget_loaded_user()
    assert client.get("/admin/").status_code == 200  # this one goes on
