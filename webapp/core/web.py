"""The web side of the permission table: a refusal becomes a 404, so that a page someone may
not see looks exactly like a page that does not exist."""

import logging
from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from webapp.core.permissions import can, may
from webapp.extensions import db

log = logging.getLogger(__name__)


def get_or_404(model, record_id, user, action: str):
    """Load a record and check the user's right to it; a 404 either way when refused."""
    record = db.session.get(model, record_id) if record_id is not None else None
    if record is None:
        abort(404)
    if not can(user, action, record):
        log.info("Refus : %s sur %s %s (utilisateur %s)", action, model.__name__, record_id,
                 getattr(user, "id", None))
        abort(404)
    return record


def require(user, action: str) -> None:
    """A 404 for a page the user may not reach at all."""
    if not may(user, action):
        log.info("Refus : %s (utilisateur %s)", action, getattr(user, "id", None))
        abort(404)


def allowed(action: str) -> Callable:
    """A view for logged-in users who may take `action` somewhere; a 404 for the others."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            require(current_user, action)
            return view(*args, **kwargs)

        return guarded

    return decorator
