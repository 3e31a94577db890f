"""Throttling with Flask-Limiter: the login per account and per client address, and the
public pages (registration, activation, autocompletes) per address.

Counters live where RATELIMIT_STORAGE_URI says: memory:// in the embedded mode (one process),
redis://… in production so that every gunicorn worker counts the same attempts. The windows
slide ("moving-window"): once the oldest attempt leaves the window, the owner can try again, so
one wrong attempt a minute never keeps an account locked.
"""

import hashlib
import logging
from collections.abc import Callable

from flask import Flask, current_app, flash, render_template, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

logger = logging.getLogger(__name__)

limiter = Limiter(key_func=get_remote_address)

# The same words whether the account exists or not: the throttle never tells which do.
THROTTLED_LOGIN = (
    "Trop de tentatives de connexion. Par sécurité, réessayez dans quelques minutes."
)


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _account_key() -> str:
    """The submitted address, hashed: the store never holds e-mail addresses."""
    email = request.form.get("email", "").strip().lower()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()


def _refused(response) -> bool:
    return response.status_code == 401


def throttle_login(view):
    """Count refused logins per submitted account and per client address (POST only)."""
    per_account = limiter.limit(
        _setting("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_account_key, methods=["POST"],
        deduct_when=_refused, scope="account",
    )
    per_address = limiter.limit(
        _setting("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"], deduct_when=_refused,
        scope="address",
    )
    return per_address(per_account(view))


def throttle(setting: str, methods: list[str] | None = None):
    """Limit a public view per client address with the limit string of config `setting`."""
    return limiter.limit(_setting(setting), methods=methods)


def too_many_requests(error: RateLimitExceeded):
    """The French answer to a throttled request; the login form for the login page."""
    logger.info("throttled %s %s (%s)", request.method, request.path, error.description)
    if request.endpoint == "accounts.login":
        from webapp.accounts.login_forms import LoginForm

        flash(THROTTLED_LOGIN, "error")
        return render_template("accounts/login.html", form=LoginForm()), 429
    return render_template("errors/429.html"), 429


def init_app(app: Flask) -> None:
    if proxies := app.config.get("TRUSTED_PROXIES", 0):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    limiter.init_app(app)
    app.register_error_handler(429, too_many_requests)
