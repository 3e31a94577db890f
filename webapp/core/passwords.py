"""Password hashes: Argon2id for every new hash; the werkzeug scrypt/pbkdf2 hashes of older
accounts still verify and are replaced at their next successful login.

The cost comes from the app's ARGON2_* settings (OWASP's recommendation in production, see
webapp/config.py; the test configuration makes them cheap)."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app, has_app_context
from werkzeug.security import check_password_hash

from webapp.config import Config


@lru_cache(maxsize=4)
def _hasher_for(time_cost: int, memory_cost: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hasher() -> PasswordHasher:
    """The Argon2id hasher with the current app's cost settings."""
    if has_app_context():
        config = current_app.config
        return _hasher_for(
            config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"], config["ARGON2_PARALLELISM"]
        )
    return _hasher_for(Config.ARGON2_TIME_COST, Config.ARGON2_MEMORY_COST, Config.ARGON2_PARALLELISM)


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches, whichever scheme made the hash."""
    if stored_hash.startswith("$argon2"):
        try:
            return hasher().verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    try:
        return check_password_hash(stored_hash, password)
    except ValueError:  # not a werkzeug hash either
        return False


def needs_upgrade(stored_hash: str) -> bool:
    """True for a legacy (werkzeug) hash or an Argon2 hash made with other costs."""
    if not stored_hash.startswith("$argon2id$"):
        return True
    try:
        return hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return _hasher_for(time_cost, memory_cost, parallelism).hash("not a real password")


def burn_verification_time(password: str) -> None:
    """Spend the time of one verification: unknown accounts answer as slowly as known ones."""
    current = hasher()
    dummy = _dummy_hash(current.time_cost, current.memory_cost, current.parallelism)
    verify_password(dummy, password)
