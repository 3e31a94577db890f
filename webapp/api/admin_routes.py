"""Administrator screens under /admin: the organisations' API tokens and their recent calls."""

from datetime import datetime, time

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.api.admin_forms import RevokeForm, TokenForm
from webapp.api.models import SCOPES, ApiCall, ApiToken
from webapp.api.routes import blueprint
from webapp.api.tokens import create_token, organisation_tokens, revoke_token
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.errors import Invalid
from webapp.core.forms import put_problems
from webapp.core.web import allowed
from webapp.extensions import db

RECENT_CALLS = 50


def _form() -> TokenForm:
    form = TokenForm()
    form.organisation_id.choices = choices(
        (o.id, o.name) for o in db.session.scalars(
            select(Organisation).where(Organisation.active.is_(True)).order_by(Organisation.name)))
    return form


def _page(form: TokenForm, secret: str = "", status: int = 200):
    calls = db.session.scalars(select(ApiCall).order_by(ApiCall.at.desc(), ApiCall.id.desc())
                               .limit(RECENT_CALLS)).all()
    names = {token.id: token for token in organisation_tokens()}
    response = render_template("api/tokens.html", form=form, tokens=list(names.values()),
                               calls=calls, names=names, scopes=SCOPES, secret=secret,
                               now=clock.now(), revoke_form=RevokeForm())
    return response, status, {"Cache-Control": "no-store"}


@blueprint.get("/admin/jetons-api")
@allowed("admin.manage")
def tokens():
    return _page(_form())


@blueprint.post("/admin/jetons-api")
@allowed("admin.manage")
def new_token():
    """The secret is shown on this answer only: never put in a flash message or a cookie."""
    form = _form()
    if not form.validate_on_submit():
        return _page(form, status=422)
    organisation = db.session.get(Organisation, form.organisation_id.data)
    expires = (datetime.combine(form.expires_on.data, time(23, 59), tzinfo=clock.PARIS)
               if form.expires_on.data else None)
    try:
        created = create_token(current_user, organisation, form.name.data or "",
                               form.scopes.data or [], expires)
    except Invalid as error:
        put_problems(form, error)
        return _page(form, status=422)
    db.session.commit()
    return _page(_form(), secret=created.secret, status=201)


@blueprint.post("/admin/jetons-api/<int:token_id>/revoquer")
@allowed("admin.manage")
def revoke(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if RevokeForm().validate_on_submit():
        revoke_token(current_user, token)
        db.session.commit()
        flash(f"Jeton « {token.name} » révoqué : il ne donne plus accès à l'API.", "success")
    return redirect(url_for("api.tokens"), code=303)
