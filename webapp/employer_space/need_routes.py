"""The employer's own space: their needs, the thread with the CRE, their offers."""


from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.companies.accounts import employer_organisation
from webapp.core import clock
from webapp.core.dates import ask_unusual_dates
from webapp.core.errors import DomainError
from webapp.core.forms import committed, form_post
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.web import get_or_404
from webapp.employer_space.routes import blueprint
from webapp.extensions import db
from webapp.needs import lifecycle as need_service
from webapp.needs.forms import MessageForm, NeedForm
from webapp.needs.models import HiringNeed
from webapp.needs.queue import employer_overview, need_display, status_badge
from webapp.reference.jobs import rome_label
from webapp.reference.places import place_label


@blueprint.get("/")
def index():
    overview = employer_overview(current_user)
    badges = {need.id: status_badge(need, for_employer=True) for need in overview.needs}
    return render_template(
        "employer_space/index.html",
        overview=overview,
        badges=badges,
        organisation=employer_organisation(current_user),
    )


def _need_input(form: NeedForm) -> need_service.NeedInput:
    return need_service.NeedInput(
        rome_code=form.rome_code.data,
        commune_insee=form.commune_insee.data,
        postal_code=(form.postal_code.data or "").strip() or None,
        positions=form.positions.data,
        hours_per_week=form.hours_per_week.number,
        contract=form.contract.data,
        start_date=form.start_date.data,
        title=form.title.data or "",
        night=form.night.data,
        weekend=form.weekend.data,
        early_morning=form.early_morning.data,
        split_shift=form.split_shift.data,
        immersion_welcome=form.immersion_welcome.data,
        comment=form.comment.data or "",
    )


@blueprint.route("/besoins/nouveau", methods=["GET", "POST"])
def new_need():
    form = NeedForm()

    def post() -> HiringNeed:
        ask_unusual_dates(form, form.start_date, today=clock.today())
        return need_service.post_need(current_user, _need_input(form), clock.today(), clock.now())

    done = form_post(
        form, post,
        "Besoin envoyé : un CRE de votre territoire va le prendre en charge.",
        lambda need: url_for("employer_space.need", need_id=need.id),
        check=lambda: need_service.check_need(_need_input(form), clock.today()))
    if done:
        return done
    labels = {
        "rome": rome_label(form.rome_code.data) or request.form.get("rome_code-search", ""),
        "place": place_label(form.commune_insee.data)
        or request.form.get("commune_insee-search", ""),
    }
    status = 422 if request.method == "POST" else 200
    return render_template("employer_space/need_form.html", form=form, labels=labels), status


def _load(need_id: int) -> HiringNeed:
    return get_or_404(HiringNeed, need_id, current_user, "need.view")


def _render_need(
    need: HiringNeed, status: int = 200, form: MessageForm | None = None, error: str | None = None
):
    view = need_display(need, current_user, clock.now(), for_employer=True)
    template = "employer_space/_need.html" if is_fragment_request() else "employer_space/need.html"
    html = render_template(
        template, view=view, message_form=form or MessageForm(formdata=None), error=error
    )
    return vary_on_htmx(make_response(html, status))


@blueprint.get("/besoins/<int:need_id>")
def need(need_id: int):
    return _render_need(_load(need_id))


@blueprint.post("/besoins/<int:need_id>/messages")
def message(need_id: int):
    need = _load(need_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            need_service.post_message(need, current_user, form.body.data, clock.now())
        except DomainError as error:
            db.session.rollback()
            return _render_need(db.session.get(HiringNeed, need_id), 422, form, error.message)
        db.session.commit()
        if is_fragment_request():
            return _render_need(need)
        flash("Message envoyé au CRE.", "success")
        return redirect(url_for("employer_space.need", need_id=need.id), code=303)
    return _render_need(need, 422, form)


@blueprint.post("/besoins/<int:need_id>/retirer")
def withdraw(need_id: int):
    need = _load(need_id)
    with committed("Besoin retiré."):
        need_service.withdraw_need(need, current_user, clock.now())
    return redirect(url_for("employer_space.need", need_id=need_id), code=303)
