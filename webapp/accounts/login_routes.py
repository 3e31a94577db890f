from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from webapp.accounts.login import authenticate
from webapp.accounts.login_forms import LoginForm
from webapp.accounts.routes import blueprint
from webapp.accounts.sessions import end_sessions
from webapp.core import clock
from webapp.core.errors import NotAllowed
from webapp.core.ratelimit import throttle_login
from webapp.extensions import db


def _safe_next(target: str | None) -> str:
    """Only follow local paths after login (no open redirect).

    Browsers drop tabs and newlines and read a backslash as a slash, so a path holding any of
    them could turn into "//other-site": such targets, and any with a host, go home."""
    if (
        target
        and target.startswith("/")
        and not any(ord(c) < 32 or c == "\\" for c in target)
        and not urlsplit(target).netloc
        and not target.startswith("//")
    ):
        return target
    return url_for("accounts.home")


@blueprint.route("/connexion", methods=["GET", "POST"])
@throttle_login
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, now=clock.now())
        except NotAllowed as error:
            flash(error.message, "error")
            return render_template("accounts/login.html", form=form), 401
        db.session.commit()
        login_user(user)
        return redirect(_safe_next(request.args.get("next")), code=303)
    return render_template("accounts/login.html", form=form)


@blueprint.post("/deconnexion")
@login_required
def logout():
    end_sessions(current_user)  # a copy of the cookie dies with this one
    db.session.commit()
    logout_user()
    flash("Vous êtes déconnecté.", "info")
    return redirect(url_for("accounts.login"), code=303)
