"""The employer's side: the anonymised cards sent to their company, and their answer."""


from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.employer_space.routes import blueprint
from webapp.extensions import db
from webapp.promotions.card import card_of, card_pdf
from webapp.promotions.forms import AnswerForm
from webapp.promotions.models import Promotion
from webapp.promotions.pages import EMPLOYER_STATUS, employer_rows, may_answer, shown_to_employer
from webapp.promotions.steps import StepInput, answer


def _load(promotion_id: int) -> Promotion:
    """A card sent to the employer's company; a 404 otherwise (a card in preparation, or one whose
    person has withdrawn their consent, included)."""
    promotion = db.session.get(Promotion, promotion_id)
    if promotion is None or not shown_to_employer(current_user, promotion):
        abort(404)
    return promotion


@blueprint.get("/profils/")
def cards():
    return render_template("employer_space/cards.html", rows=employer_rows(current_user))


def _render(
    promotion: Promotion, form: AnswerForm | None = None, error: str = "", status: int = 200
):
    html = render_template(
        "employer_space/card.html",
        promotion=promotion,
        card=card_of(promotion, clock.now().date()),
        status_label=EMPLOYER_STATUS[promotion.status],
        may_answer=may_answer(current_user, promotion),
        form=form or AnswerForm(formdata=None, version=promotion.version),
        error=error,
    )
    return make_response(html, status)


@blueprint.get("/profils/<int:promotion_id>")
def card(promotion_id: int):
    return _render(_load(promotion_id))


@blueprint.post("/profils/<int:promotion_id>/reponse")
def reply(promotion_id: int):
    promotion = _load(promotion_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _render(promotion, form, "Choisissez votre réponse.", 422)
    typed = StepInput(
        form.kind.data,
        form.on.data,
        form.meeting.data or "",
        form.reason.data if form.kind.data == "not_interested" else "",
        form.note.data or "",
    )
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        answer(current_user, promotion, typed, clock.now(), version)
    except DomainError as error:
        db.session.rollback()
        return _render(db.session.get(Promotion, promotion_id), form, error.message, 422)
    db.session.commit()
    flash("Merci : votre réponse est transmise au CRE qui vous a présenté ce profil.", "success")
    return redirect(url_for("employer_space.card", promotion_id=promotion_id), code=303)


@blueprint.get("/profils/<int:promotion_id>/carte.pdf")
def card_as_pdf(promotion_id: int):
    promotion = _load(promotion_id)
    response = make_response(card_pdf(card_of(promotion, clock.now().date())))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="profil-{promotion.reference}.pdf"'
    )
    return response
