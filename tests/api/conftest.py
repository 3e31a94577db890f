"""An organisation with a token, and a client that calls the API with it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests import factories
from webapp.api.models import SCOPES
from webapp.api.tokens import create_token
from webapp.core import clock
from webapp.extensions import db

ALL_SCOPES = tuple(SCOPES)


@dataclass
class Caller:
    """Calls /api/v1 with a token's secret."""

    client: object
    secret: str
    token: object
    organisation: object

    def headers(self, extra=None) -> dict:
        return {"Authorization": f"Bearer {self.secret}"} | (extra or {})

    def call(self, method: str, path: str, **kwargs):
        """A request in its own transaction, as in production: what the test built is
        committed first (the database fixture still rolls everything back at the end)."""
        db.session.commit()
        headers = self.headers(kwargs.pop("headers", None))
        return getattr(self.client, method)(path, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.call("get", path, **kwargs)

    def post(self, path, **kwargs):
        return self.call("post", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.call("patch", path, **kwargs)


@pytest.fixture
def admin(database):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi",
                                 pole_code=None)
    return factories.user((org, "admin"))


def make_token(admin, org, scopes=ALL_SCOPES, expires_in_days: int | None = 30):
    expires = clock.now() + timedelta(days=expires_in_days) if expires_in_days else None
    return create_token(admin, org, "Extranet de test", list(scopes), expires)


@pytest.fixture
def partner(database):
    return factories.organisation("PLIE Marseille Provence", kind="plie", pole_code="I")


@pytest.fixture
def api(client, admin, partner):
    created = make_token(admin, partner)
    return Caller(client, created.secret, created.token, partner)


@pytest.fixture
def api_for(client, admin):
    """api_for(org, scopes) -> a Caller with a new token."""

    def build(org, scopes=ALL_SCOPES, expires_in_days=30):
        created = make_token(admin, org, scopes, expires_in_days)
        return Caller(client, created.secret, created.token, org)

    return build


def assert_problem(response, status: int, *fields: str) -> dict:
    """A problem+json answer with this status, naming these fields."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    named = {error["field"] for error in body.get("errors", [])}
    for field in fields:
        assert field in named, (field, body)
    return body
