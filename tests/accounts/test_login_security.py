"""Login throttling (Flask-Limiter), one answer whatever is wrong, Argon2id hashes, the
password rule, and the throttled public pages."""

import uuid
from datetime import timedelta

import pytest
import redis
from argon2 import PasswordHasher
from flask import request
from werkzeug.security import generate_password_hash

from tests import factories
from webapp.core.password_policy import password_problem
from webapp.core.ratelimit import THROTTLED_LOGIN, limiter

REDIS_URI = "redis://127.0.0.1:6379"


def _fail(client, email, address="127.0.0.1"):
    return client.post(
        "/connexion", data={"email": email, "password": "mauvais-mot-de-passe"},
        environ_base={"REMOTE_ADDR": address},
    )


def _login(client, email, address="127.0.0.1"):
    return client.post(
        "/connexion", data={"email": email, "password": factories.PASSWORD},
        environ_base={"REMOTE_ADDR": address},
    )


def test_unknown_account_spends_a_password_verification_like_a_known_one(
    client, database, monkeypatch
):
    person = factories.user((factories.organisation(), "cre"))
    verifications = []
    real_verify = PasswordHasher.verify

    def counting_verify(self, hash_, password):
        verifications.append(hash_)
        return real_verify(self, hash_, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    wrong = _fail(client, person.email)
    assert len(verifications) == 1
    unknown = _fail(client, "personne-inconnue@exemple.fr")
    assert len(verifications) == 2  # a dummy hash, verified with the same cost
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_data(as_text=True).replace(person.email, "X") == unknown.get_data(
        as_text=True
    ).replace("personne-inconnue@exemple.fr", "X")


def test_the_throttled_answer_is_the_same_for_known_and_unknown_accounts(client, database):
    person = factories.user((factories.organisation(), "cre"))
    unknown = "personne-inconnue@exemple.fr"
    for _ in range(7):
        _fail(client, person.email, "10.0.0.1")
        _fail(client, unknown, "10.0.0.2")
    known_page = _fail(client, person.email, "10.0.0.1")
    unknown_page = _fail(client, unknown, "10.0.0.2")
    assert known_page.status_code == unknown_page.status_code == 429
    assert THROTTLED_LOGIN in known_page.get_data(as_text=True)
    assert known_page.get_data(as_text=True).replace(person.email, "X") == unknown_page.get_data(
        as_text=True
    ).replace(unknown, "X")


def test_one_wrong_attempt_a_minute_never_locks_the_owner_out(client, database, frozen_clock):
    person = factories.user((factories.organisation(), "cre"))
    for _ in range(30):
        assert _fail(client, person.email, "10.6.6.6").status_code == 401
        frozen_clock.shift(timedelta(minutes=1))
    assert _login(client, person.email).status_code == 303


def test_the_account_limit_lets_the_owner_in_once_the_window_has_passed(
    client, database, frozen_clock
):
    person = factories.user((factories.organisation(), "cre"))
    for _ in range(7):
        _fail(client, person.email, "10.6.6.6")
    assert _login(client, person.email).status_code == 429  # from any address
    frozen_clock.shift(timedelta(minutes=4))
    assert _login(client, person.email).status_code == 429
    frozen_clock.shift(timedelta(minutes=1, seconds=1))
    assert _login(client, person.email).status_code == 303


def test_one_address_trying_many_accounts_is_throttled(client, database):
    person = factories.user((factories.organisation(), "cre"))
    for number in range(30):
        assert _fail(client, f"essai{number}@exemple.fr", "10.6.6.6").status_code == 401
    assert _login(client, person.email, "10.6.6.6").status_code == 429
    assert _login(client, person.email, "10.0.0.9").status_code == 303  # another address


def test_successful_logins_do_not_use_up_the_limits(client, database):
    person = factories.user((factories.organisation(), "cre"))
    for _ in range(40):
        client.post("/deconnexion")
        assert _login(client, person.email).status_code == 303


def test_redis_storage_is_shared_by_the_workers(app, client, database):
    """Two gunicorn workers are two limiter storages on one Redis: what one counts, the other
    sees. Uses the local Redis for real."""
    redis.Redis.from_url(REDIS_URI).ping()  # fails loudly when Redis is not running
    token = uuid.uuid4()  # keys of our own on a Redis other runs share
    email, address = f"{token.hex}@exemple.fr", f"10.{token.bytes[0]}.{token.bytes[1]}.{token.bytes[2]}"
    app.config["RATELIMIT_STORAGE_URI"] = REDIS_URI
    try:
        limiter.init_app(app)  # the first worker
        assert type(limiter.storage).__name__ == "RedisStorage"
        for _ in range(7):
            assert _fail(client, email, address).status_code == 401
        limiter.init_app(app)  # another worker: new connection, no counters in memory
        assert _fail(client, email, address).status_code == 429
    finally:
        app.config["RATELIMIT_STORAGE_URI"] = "memory://"
        limiter.init_app(app)
    assert type(limiter.storage).__name__ == "MemoryStorage"


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2:sha256"])
def test_old_werkzeug_hashes_still_work_and_become_argon2id(client, database, method):
    person = factories.user((factories.organisation(), "cre"))
    person.password_hash = generate_password_hash(factories.PASSWORD, method=method)
    database.session.flush()
    assert _fail(client, person.email).status_code == 401
    assert not person.password_hash.startswith("$argon2id$")  # a failure changes nothing
    assert _login(client, person.email).status_code == 303
    assert person.password_hash.startswith("$argon2id$")
    client.post("/deconnexion")
    assert _login(client, person.email).status_code == 303


def test_new_passwords_are_hashed_with_argon2id(database):
    person = factories.user()
    person.set_password("trois-mots-sans-rapport")
    assert person.password_hash.startswith("$argon2id$")
    assert person.check_password("trois-mots-sans-rapport")
    assert not person.check_password("trois-mots-sans-rapporT")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court-court", "au moins 12 caractères"),
        ("ines.martin-2026-soleil", "ne doit pas contenir votre adresse e-mail"),
        ("azertyuiop12", "trop facile à deviner"),
        ("motdepasse123", "trop facile à deviner"),
        ("marseille2026", "trop facile à deviner"),
    ],
)
def test_weak_passwords_are_refused_in_french(password, message):
    assert message in password_problem(password, "ines.martin@boulangerie.example")


def test_the_demo_and_test_passwords_pass_the_rule():
    from webapp.demo.people import DEMO_PASSWORD, ROSTER, demo_email

    for local_part, *_ in ROSTER:
        assert password_problem(DEMO_PASSWORD, demo_email(local_part)) == "", local_part
    assert password_problem(factories.PASSWORD, "personne1@exemple.fr") == ""


def test_the_registration_form_is_throttled_per_address(client, database):
    for _ in range(10):
        response = client.post("/comptes-employeurs/inscription", data={"company_name": "x"})
        assert response.status_code == 422
    throttled = client.post("/comptes-employeurs/inscription", data={"company_name": "x"})
    assert throttled.status_code == 429
    assert "Trop de demandes" in throttled.get_data(as_text=True)
    assert client.get("/comptes-employeurs/inscription").status_code == 200  # reading is free


def test_activation_links_are_throttled_per_address(client, database):
    for _ in range(30):
        assert client.get("/comptes-employeurs/activation/devine").status_code == 404
    assert client.get("/comptes-employeurs/activation/devine").status_code == 429


@pytest.mark.parametrize(
    "url", ["/comptes-employeurs/communes?q=aub", "/api/communes?q=aub", "/api/metiers?q=cuis"]
)
def test_autocompletes_are_throttled_per_address(app, client, login, database, url, monkeypatch):
    monkeypatch.setitem(app.config, "AUTOCOMPLETE_LIMIT", "5 per minute")  # read at each request
    login(factories.user((factories.organisation(), "cre")))
    for _ in range(5):
        assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    assert client.get(url, environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_the_one_counted(app, database):
    from tests.conftest import make_config
    from webapp import create_app

    config = make_config(app.config["SQLALCHEMY_DATABASE_URI"])
    proxied = create_app(type("ProxiedConfig", (config,), {"TRUSTED_PROXIES": 1}))
    seen = []
    proxied.add_url_rule("/adresse", "address", lambda: seen.append(request.remote_addr) or "")
    proxied.test_client().get("/adresse", headers={"X-Forwarded-For": "203.0.113.7"},
                              environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen == ["203.0.113.7"]
    assert app.config["TRUSTED_PROXIES"] == 0  # without proxies the header is not believed
