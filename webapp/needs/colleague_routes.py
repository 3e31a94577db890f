"""The employer's side of account requests for their company: accept or refuse a colleague."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from webapp.core import clock
from webapp.errors import Invalid, NotAllowed
from webapp.extensions import db
from webapp.models import EmployerRegistration
from webapp.permissions import get_or_404, require
from webapp.services import employer_colleagues as colleagues
from webapp.services.employer_takeover import employer_rights

blueprint = Blueprint("employer_colleagues", __name__, url_prefix="/espace-employeur/demandes")


@blueprint.before_request
@login_required
def only_employers():
    require(current_user, "registration.approve")


@blueprint.get("/")
def index():
    return render_template(
        "needs/colleague_requests.html",
        requests=colleagues.pending_requests(current_user),
        rights=employer_rights(),
    )


def _decide(registration_id: int, decide, done: str):
    record = get_or_404(EmployerRegistration, registration_id, current_user, "registration.approve")
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        decide(record, current_user, clock.now())
    except NotAllowed:
        abort(404)
    except Invalid as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(done.format(name=record.contact_name), "success")
    return redirect(url_for("employer_colleagues.index"), code=303)


@blueprint.post("/<int:registration_id>/accepter")
def approve(registration_id: int):
    return _decide(registration_id, colleagues.approve_request, "Compte de {name} ouvert.")


@blueprint.post("/<int:registration_id>/refuser")
def refuse(registration_id: int):
    return _decide(registration_id, colleagues.refuse_request, "Demande de {name} refusée.")
