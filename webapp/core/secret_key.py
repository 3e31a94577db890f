"""The session signing key: from the environment, else generated once into instance/."""

import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger(__name__)

KEY_FILE_NAME = "secret_key"
# Keys published in this repository or in tutorials: whoever knows them can forge sessions.
KNOWN_DEVELOPMENT_KEYS = frozenset({
    "dev-only-change-me", "test-secret", "dev", "development", "secret", "changeme",
    "change-me", "secret-key", "your-secret-key",
})


class InsecureSecretKey(RuntimeError):
    """The configured SECRET_KEY is a public development key outside the tests."""


def secret_key_from_instance(instance_dir: Path) -> str:
    """The key kept in `instance_dir/secret_key`, written (mode 0600) on first use."""
    path = Path(instance_dir) / KEY_FILE_NAME
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    logger.warning("No SECRET_KEY in the environment: generated a random key into %s", path)
    return key


def resolve_secret_key(configured: str | None, testing: bool, instance_dir: Path) -> str:
    """The key to sign sessions with; refuses a known development key outside the tests."""
    if not configured:
        return secret_key_from_instance(instance_dir)
    if configured in KNOWN_DEVELOPMENT_KEYS and not testing:
        raise InsecureSecretKey(
            f"SECRET_KEY is a public development key ({configured!r}): set a random value "
            "(e.g. `openssl rand -hex 32`) or unset it to have one generated into instance/."
        )
    return configured
