"""The CREs' queue of hiring needs: take a need, ask a question, decline it or make it an offer."""


from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.core.forms import form_post
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.needs import lifecycle as need_service
from webapp.needs.forms import DeclineForm, MessageForm, OfferFromNeedForm
from webapp.needs.models import HiringNeed
from webapp.needs.queue import cre_queue, need_display
from webapp.needs.to_offer import OfferText, convert_need_to_offer, draft_text

blueprint = Blueprint("needs", __name__, url_prefix="/besoins")


@blueprint.before_request
@login_required
def only_staff():
    require(current_user, "need.queue")



def _load(need_id: int) -> HiringNeed:
    return get_or_404(HiringNeed, need_id, current_user, "need.queue")


@blueprint.get("/")
def queue():
    now = clock.now()
    lists = cre_queue(current_user)
    rows = {
        name: [need_display(n, current_user, now, False) for n in getattr(lists, name)]
        for name in ("waiting", "mine", "colleagues")
    }
    return render_template("needs/queue.html", rows=rows)


def _render_need(
    need: HiringNeed,
    status: int = 200,
    message_form=None,
    decline_form=None,
    error: str | None = None,
):
    """The need page, or only its panel for htmx; 422 when a form has errors."""
    context = {
        "view": need_display(need, current_user, clock.now(), False),
        "error": error,
        "message_form": message_form or MessageForm(formdata=None),
        "decline_form": decline_form or DeclineForm(formdata=None),
    }
    template = "needs/_cre_need.html" if is_fragment_request() else "needs/cre_need.html"
    return vary_on_htmx(make_response(render_template(template, **context), status))


def _done(need: HiringNeed, message: str):
    """After a successful action: the fresh panel for htmx, a 303 to the page otherwise."""
    db.session.commit()
    if is_fragment_request():
        return _render_need(need)
    flash(message, "success")
    return redirect(url_for("needs.detail", need_id=need.id), code=303)


def _refused(need: HiringNeed, error: DomainError, **forms):
    db.session.rollback()
    if is_fragment_request() or forms:
        return _render_need(db.session.get(HiringNeed, need.id), 422, error=error.message, **forms)
    flash(error.message, "error")
    return redirect(url_for("needs.detail", need_id=need.id), code=303)


@blueprint.get("/<int:need_id>")
def detail(need_id: int):
    return _render_need(_load(need_id))


@blueprint.post("/<int:need_id>/prendre")
def take(need_id: int):
    need = _load(need_id)
    try:
        need_service.take_need(need, current_user, clock.now())
    except DomainError as error:
        if not _from_queue_row():
            return _refused(need, error)
        db.session.rollback()
        return _queue_row(db.session.get(HiringNeed, need_id), 422, error=error.message)
    if _from_queue_row():
        db.session.commit()
        return _queue_row(need, 200, taken=True)
    return _done(need, "Besoin pris en charge : l'employeur voit désormais votre nom.")


def _from_queue_row() -> bool:
    """An htmx request from a row of the queue (the need page targets #besoin)."""
    return is_fragment_request() and request.headers.get("HX-Target") != "besoin"


def _queue_row(need: HiringNeed, status: int, **flags):
    view = need_display(need, current_user, clock.now(), False)
    html = render_template("needs/_queue_row.html", row=view, **flags)
    return vary_on_htmx(make_response(html, status))


@blueprint.post("/<int:need_id>/messages")
@blueprint.post("/<int:need_id>/question", endpoint="question", defaults={"is_question": True})
def message(need_id: int, is_question: bool = False):
    need = _load(need_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_need(need, 422, message_form=form)
    try:
        need_service.post_message(need, current_user, form.body.data, clock.now(), is_question)
    except DomainError as error:
        return _refused(need, error, message_form=form)
    return _done(
        need,
        "Question envoyée : le besoin attend la réponse de l'employeur."
        if is_question
        else "Message envoyé.",
    )


@blueprint.post("/<int:need_id>/refus")
def decline(need_id: int):
    need = _load(need_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        return _render_need(need, 422, decline_form=form)
    try:
        need_service.decline_need(need, current_user, form.reason.data, clock.now())
    except DomainError as error:
        return _refused(need, error, decline_form=form)
    return _done(need, "Besoin décliné : l'employeur voit votre motif.")


@blueprint.route("/<int:need_id>/offre", methods=["GET", "POST"])
def convert(need_id: int):
    need = _load(need_id)
    form = OfferFromNeedForm(obj=draft_text(need) if request.method == "GET" else None)

    def convert_it():
        text = OfferText(
            title=form.title.data or "",
            description=form.description.data or "",
            salary=form.salary.data or "",
            start_date=form.start_date.data,
            end_date=form.end_date.data,
            visibility=form.visibility.data,
        )
        return convert_need_to_offer(
            need, current_user, text, form.publish.data, clock.now(), clock.today()
        )

    done = form_post(
        form, convert_it,
        lambda offer: f"Offre {offer.reference} créée à partir du besoin ; l'employeur la voit "
        "dans son espace.",
        lambda _: url_for("needs.detail", need_id=need_id),
    )
    if done:
        return done
    status = 422 if request.method == "POST" else 200
    return render_template(
        "needs/convert.html",
        form=form,
        view=need_display(db.session.get(HiringNeed, need_id), current_user, clock.now(), False),
    ), status
