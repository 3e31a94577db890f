"""The employer's side of account requests for their company: accept or refuse a colleague."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from webapp.companies import employer_colleagues as colleagues
from webapp.companies.account_models import EmployerRegistration
from webapp.companies.employer_takeover import employer_rights
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.web import allowed, get_or_404
from webapp.employer_space.routes import blueprint
from webapp.extensions import db


@blueprint.get("/demandes/")
@allowed("registration.approve")
def colleague_requests():
    return render_template(
        "employer_space/colleague_requests.html",
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
    return redirect(url_for("employer_space.colleague_requests"), code=303)


@blueprint.post("/demandes/<int:registration_id>/accepter")
@allowed("registration.approve")
def approve_colleague(registration_id: int):
    return _decide(registration_id, colleagues.approve_request, "Compte de {name} ouvert.")


@blueprint.post("/demandes/<int:registration_id>/refuser")
@allowed("registration.approve")
def refuse_colleague(registration_id: int):
    return _decide(registration_id, colleagues.refuse_request, "Demande de {name} refusée.")
