"""Tokens: shown once, stored hashed, refused when malformed, unknown, expired or revoked;
scopes enforced; every call logged; the administrator's screens."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.api.conftest import assert_problem, make_token
from webapp.api.models import ApiCall, ApiToken
from webapp.api.tokens import hash_secret, revoke_token
from webapp.extensions import db

SOME_SECRET = "psl_" + "A" * 43


def test_the_secret_is_not_stored_only_its_hash(database, admin, partner):
    created = make_token(admin, partner)
    row = db.session.get(ApiToken, created.token.id)
    assert created.secret.startswith("psl_") and created.secret not in (row.secret_hash, row.prefix)
    assert row.secret_hash == hash_secret(created.secret)


@pytest.mark.parametrize("header", [
    None, "", "Bearer", "Bearer abc", "Basic dXNlcjpwYXNz", "Token " + SOME_SECRET,
    "Bearer " + SOME_SECRET, "Bearer psl_" + "é" * 43,
])
def test_a_missing_malformed_or_unknown_token_is_a_401_problem(client, header):
    headers = {"Authorization": header} if header is not None else {}
    response = client.get("/api/v1/offers", headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_refused(api, frozen_clock):
    assert api.get("/api/v1/offers").status_code == 200
    frozen_clock.shift(timedelta(days=31))
    body = assert_problem(api.get("/api/v1/offers"), 401)
    assert "expiré" in body["detail"]


def test_a_revoked_token_is_refused(api, admin):
    revoke_token(admin, api.token)
    body = assert_problem(api.get("/api/v1/offers"), 401)
    assert "révoqué" in body["detail"]


def test_a_token_of_a_deactivated_organisation_is_refused(api):
    api.organisation.active = False
    db.session.flush()
    assert_problem(api.get("/api/v1/offers"), 401)


@pytest.mark.parametrize(("scope", "method", "path"), [
    ("offers:read", "get", "/api/v1/offers"),
    ("offers:write", "post", "/api/v1/offers"),
    ("companies:read", "get", "/api/v1/companies"),
    ("reference:read", "get", "/api/v1/reference/communes"),
    ("matching", "post", "/api/v1/matching/offers"),
])
def test_a_token_without_the_scope_gets_403(api_for, partner, scope, method, path):
    from webapp.api.models import SCOPES

    caller = api_for(partner, [s for s in SCOPES if s != scope])
    response = getattr(caller, method)(path, json={})
    body = assert_problem(response, 403)
    assert scope in body["detail"]


def test_every_call_is_logged_and_the_last_use_kept(api, client):
    api.get("/api/v1/reference/rome/K2204")
    client.get("/api/v1/offers", headers={"Authorization": "Bearer nope"})
    calls = db.session.scalars(select(ApiCall).order_by(ApiCall.id)).all()
    assert [(c.token_id, c.method, c.path, c.status) for c in calls[-2:]] == [
        (api.token.id, "GET", "/api/v1/reference/rome/K2204", 200),
        (None, "GET", "/api/v1/offers", 401),
    ]
    assert db.session.get(ApiToken, api.token.id).last_used_at is not None


def test_a_logged_in_browser_is_not_authenticated_on_the_api(client, login, admin):
    login(admin)
    assert_problem(client.get("/api/v1/offers"), 401)


def test_no_cors_header_is_sent(api):
    response = api.get("/api/v1/offers", headers={"Origin": "https://ailleurs.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_administrator_creates_a_token_shown_once_then_revokes_it(client, login, admin, partner):
    login(admin)
    page = client.get("/admin/jetons-api")
    assert page.status_code == 200 and "Nouveau jeton" in page.get_data(as_text=True)
    response = client.post("/admin/jetons-api", data={
        "organisation_id": partner.id, "name": "Extranet RSA", "scopes": ["offers:read", "matching"],
        "expires_on": "2027-06-30"})
    assert response.status_code == 201
    token = db.session.scalar(select(ApiToken).where(ApiToken.name == "Extranet RSA"))
    text = response.get_data(as_text=True)
    secret = next(word for word in text.replace("<", " ").replace(">", " ").split()
                  if word.startswith("psl_") and len(word) == 47)
    assert token.secret_hash == hash_secret(secret) and token.scopes == ["matching", "offers:read"]
    assert secret not in client.get("/admin/jetons-api").get_data(as_text=True)
    assert client.get("/api/v1/offers", headers={"Authorization": f"Bearer {secret}"}).status_code == 200

    assert client.post(f"/admin/jetons-api/{token.id}/revoquer").status_code == 303
    assert db.session.get(ApiToken, token.id).revoked_at is not None
    assert_problem(client.get("/api/v1/offers", headers={"Authorization": f"Bearer {secret}"}), 401)


def test_a_token_needs_a_name_and_a_scope(client, login, admin, partner):
    login(admin)
    before = db.session.scalar(select(func.count(ApiToken.id)))
    response = client.post("/admin/jetons-api", data={"organisation_id": partner.id, "name": "X"})
    assert response.status_code == 422 and "au moins un droit" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ApiToken.id))) == before


def test_only_administrators_reach_the_token_screens(client, login, partner):
    login(factories.user((partner, "cre")))
    assert client.get("/admin/jetons-api").status_code == 404


def test_every_scoped_endpoint_refuses_a_token_without_its_scope(app, api_for, partner):
    """Every route of the API that needs a scope (read from the registered endpoints, so a
    new one is covered as soon as it exists) answers 403 to a token holding every other one."""
    import re

    from webapp.api.models import SCOPES
    from webapp.api.routes import ENDPOINTS, PREFIX

    scoped = [e for e in ENDPOINTS if e.scope is not None]
    assert {e.scope for e in scoped} == set(SCOPES)
    for endpoint in scoped:
        caller = api_for(partner, [s for s in SCOPES if s != endpoint.scope])
        path = PREFIX + re.sub(r"<(?:int:)?\w+>", "1", endpoint.path)
        response = getattr(caller, endpoint.method.lower())(path, json={})
        body = assert_problem(response, 403)
        assert endpoint.scope in body["detail"], endpoint
