from datetime import timedelta

from tests import factories


def test_login_with_good_credentials_shows_the_home_page(client, database):
    org = factories.organisation("Agence France Travail Test")
    person = factories.user((org, "ae", "I"), name="Inès Démo")
    response = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    assert response.status_code == 303
    page = client.get("/")
    assert "Bonjour Inès Démo" in page.get_data(as_text=True)


def test_wrong_password_and_unknown_email_get_the_same_generic_message(client, database):
    person = factories.user((factories.organisation(), "cre"))
    wrong_password = client.post("/connexion", data={"email": person.email, "password": "nope-nope-nope"})
    unknown_email = client.post("/connexion", data={"email": "nobody@exemple.fr", "password": "x"})
    assert wrong_password.status_code == unknown_email.status_code == 401
    message = "Adresse e-mail ou mot de passe incorrect."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_email.get_data(as_text=True)


def test_seven_failures_slow_the_account_down_even_with_the_right_password(client, database):
    person = factories.user((factories.organisation(), "cre"))
    for _ in range(7):
        client.post("/connexion", data={"email": person.email, "password": "mauvais-mot-de-passe"})
    blocked = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still logged out


def test_the_delay_expires(client, database, frozen_clock):
    person = factories.user((factories.organisation(), "cre"))
    for _ in range(7):
        client.post("/connexion", data={"email": person.email, "password": "mauvais-mot-de-passe"})
    frozen_clock.shift(timedelta(minutes=5, seconds=1))  # the sliding window has moved past
    response = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    assert response.status_code == 303


def test_deactivated_account_cannot_log_in(client, database):
    person = factories.user((factories.organisation(), "cre"), active=False)
    response = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    assert response.status_code == 401


def test_logout_requires_post_and_ends_the_session(client, login, database):
    person = factories.user((factories.organisation(), "cre"))
    login(person)
    assert client.get("/deconnexion").status_code == 405
    client.post("/deconnexion")
    assert client.get("/").status_code == 302


def test_login_redirect_only_follows_local_paths(client, database):
    person = factories.user((factories.organisation(), "cre"))
    for target in ("//evil.example/", "/%09/evil.example", "/%5C%5Cevil.example", "https://evil.example/"):
        client.post("/deconnexion")
        response = client.post(
            f"/connexion?next={target}", data={"email": person.email, "password": factories.PASSWORD}
        )
        assert response.headers["Location"] == "/", target
    client.post("/deconnexion")
    response = client.post(
        "/connexion?next=/offres/%3Fcontrat%3DCDI", data={"email": person.email, "password": factories.PASSWORD}
    )
    assert response.headers["Location"] == "/offres/?contrat=CDI"


def test_pages_need_a_login(client, database):
    response = client.get("/")
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


def test_session_cookie_is_http_only_and_same_site(client, database):
    person = factories.user((factories.organisation(), "cre"))
    response = client.post("/connexion", data={"email": person.email, "password": factories.PASSWORD})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_login_page_leads_to_a_forgotten_password_and_to_employer_registration(app, client, database):
    from flask import url_for

    with app.test_request_context():
        forgotten, register = url_for("notifications.forgot_password"), url_for("companies.register")
    page = client.get("/connexion").get_data(as_text=True)
    assert f'href="{forgotten}">Mot de passe oublié ?' in page
    assert f'href="{register}">Créer un compte employeur' in page
