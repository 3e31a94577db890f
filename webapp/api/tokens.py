"""Creating, revoking and checking API tokens. A token is shown once; only its hash is kept.

The secret is 256 random bits, so a plain SHA-256 is enough to store it (a slow password hash
protects guessable secrets, which these are not) and lets a call find its token by index."""

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.api.models import SCOPES, ApiToken
from webapp.core import clock
from webapp.core.errors import Invalid
from webapp.extensions import db

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "psl_"
TOKEN_SHAPE = re.compile(r"^psl_[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class NewToken:
    """A token just created, with the secret to show once."""

    token: ApiToken
    secret: str


class TokenRefused(Exception):
    """The presented token cannot be used; `detail` says why, in French."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(actor: User, organisation: Organisation, name: str, scopes: list[str],
                 expires_at: datetime | None) -> NewToken:
    """A new token for `organisation`; the secret is in the answer and nowhere else."""
    problems = {}
    if not name.strip():
        problems["name"] = "Donnez un nom au jeton (par ex. « Extranet RSA – production »)."
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if not scopes or unknown:
        problems["scopes"] = "Choisissez au moins un droit dans la liste."
    if expires_at is not None and expires_at <= clock.now():
        problems["expires_on"] = "La date d'expiration doit être dans le futur."
    if problems:
        field, message = next(iter(problems.items()))
        raise Invalid(message, field)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(organisation_id=organisation.id, name=name.strip(), prefix=secret[:10],
                     secret_hash=hash_secret(secret), scopes=sorted(set(scopes)),
                     expires_at=expires_at, created_by_id=actor.id)
    db.session.add(token)
    db.session.flush()
    logger.info("API token %s created for organisation %s by user %s", token.id,
                organisation.id, actor.id)
    return NewToken(token, secret)


def revoke_token(actor: User, token: ApiToken) -> None:
    """Revoke a token at once (idempotent)."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        db.session.flush()
        logger.info("API token %s revoked by user %s", token.id, actor.id)


def authenticate(header: str | None, now: datetime) -> ApiToken:
    """The active token an `Authorization` header carries; TokenRefused otherwise."""
    if not header:
        raise TokenRefused("Jeton manquant : envoyez l'en-tête « Authorization: Bearer <jeton> ».")
    scheme, _, secret = header.strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not TOKEN_SHAPE.match(secret):
        raise TokenRefused("Jeton mal formé : l'en-tête attendu est « Authorization: Bearer psl_… ».")
    token = db.session.scalar(select(ApiToken).where(ApiToken.secret_hash == hash_secret(secret)))
    if token is None:
        raise TokenRefused("Jeton inconnu.")
    state = token.state(now)
    if state == "revoked":
        raise TokenRefused("Ce jeton a été révoqué : demandez-en un nouveau à l'administrateur.")
    if state == "expired":
        raise TokenRefused("Ce jeton a expiré : demandez-en un nouveau à l'administrateur.")
    if not token.organisation.active:
        raise TokenRefused("L'organisation de ce jeton est désactivée.")
    return token


def organisation_tokens() -> list[ApiToken]:
    """Every token, by organisation then newest first, for the administrator."""
    return list(db.session.scalars(select(ApiToken).join(ApiToken.organisation)
                                   .order_by(Organisation.name, ApiToken.created_at.desc(),
                                             ApiToken.id.desc())))
