"""The cellules: the list, a cellule's page (sessions, members), its settings and calendar."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.cellule import cellules as service
from webapp.cellule.calendar import at_local_time
from webapp.cellule.common import load_session
from webapp.cellule.forms import CelluleForm, MemberForm, SessionForm, ask_unusual_session_day
from webapp.cellule.models import Cellule, CelluleMember
from webapp.cellule.pages import cellule_page, index_page
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.errors import DomainError, Invalid
from webapp.core.forms import committed, form_post, put_problems
from webapp.core.permissions import may
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.reference.models import Pole

blueprint = Blueprint("cellule", __name__, url_prefix="/cellule")


@blueprint.before_request
@login_required
def members_only():
    """The cellule's pages are for the task force's professionals."""
    if not (may(current_user, "cellule.view") or may(current_user, "event.view")):
        require(current_user, "cellule.view")


@blueprint.get("/")
def index():
    return render_template("cellule/index.html", page=index_page(current_user, clock.now()))


@blueprint.get("/<int:cellule_id>")
def show(cellule_id: int):
    cellule = get_or_404(Cellule, cellule_id, current_user, "cellule.view")
    return _render_cellule(cellule, SessionForm(formdata=None, place=cellule.place))


def _render_cellule(cellule: Cellule, session_form: SessionForm) -> str:
    return render_template(
        "cellule/cellule.html",
        page=cellule_page(current_user, cellule, clock.now()),
        session_form=session_form,
        member_form=_member_form(cellule, submitted=False),
    )


def _settings_form(cellule: Cellule | None) -> CelluleForm:
    form = CelluleForm(obj=cellule) if request.method == "GET" else CelluleForm()
    if cellule is not None and request.method == "GET":
        form.pole_ids.data, form.version.data = cellule.pole_ids, cellule.version
    form.pole_ids.choices = choices(
        db.session.execute(select(Pole.id, Pole.name).order_by(Pole.id)).all()
    )
    return form


def _settings(form: CelluleForm) -> service.CelluleSettings:
    return service.CelluleSettings(
        name=form.name.data or "",
        pole_ids=tuple(form.pole_ids.data or ()),
        rhythm=form.rhythm.data,
        weekday=form.weekday.data,
        start_time=form.start_time.data,
        place=form.place.data or "",
        max_employers_per_profile=form.max_employers_per_profile.data,
        max_cards_per_employer_week=form.max_cards_per_employer_week.data,
    )


def _save_settings(form: CelluleForm, cellule: Cellule | None):
    """The 303 once saved; None for the form again (a GET, or every problem on it)."""

    def save() -> Cellule:
        if cellule is None:
            return service.create_cellule(current_user, _settings(form), clock.now())
        service.update_cellule(
            current_user, cellule, _settings(form), int(form.version.data or 0), clock.now()
        )
        return cellule

    return form_post(
        form, save, "Réglages de la cellule enregistrés ; les prochaines séances sont planifiées.",
        lambda saved: url_for("cellule.show", cellule_id=saved.id),
        check=lambda: service.check_settings(_settings(form), cellule and cellule.id))


@blueprint.route("/nouvelle", methods=["GET", "POST"])
def new():
    require(current_user, "cellule.create")
    form = _settings_form(None)
    if done := _save_settings(form, None):
        return done
    return render_template(
        "cellule/settings.html", form=form, cellule=None
    ), 422 if form.errors else 200


@blueprint.route("/<int:cellule_id>/reglages", methods=["GET", "POST"])
def settings(cellule_id: int):
    cellule = get_or_404(Cellule, cellule_id, current_user, "cellule.manage")
    form = _settings_form(cellule)
    if done := _save_settings(form, cellule):
        return done
    cellule = db.session.get(Cellule, cellule_id)
    return render_template(
        "cellule/settings.html", form=form, cellule=cellule
    ), 422 if form.errors else 200


def _member_form(cellule: Cellule, submitted: bool) -> MemberForm:
    """The form adding a member, offering the territory's professionals."""
    form = MemberForm() if submitted else MemberForm(formdata=None)
    staff = service.territory_staff(cellule.pole_ids)
    form.user_id.choices = choices(
        [(None, "— Choisir —"), *{u.id: u.display_name for u, _ in staff}.items()]
    )
    return form


@blueprint.post("/<int:cellule_id>/membres")
def add_member(cellule_id: int):
    cellule = get_or_404(Cellule, cellule_id, current_user, "cellule.manage")
    form = _member_form(cellule, submitted=True)
    user = (
        db.session.get(User, form.user_id.data)
        if form.validate_on_submit() and form.user_id.data
        else None
    )
    with committed(lambda: f"{user.display_name} rejoint la cellule."):
        if user is None:
            raise DomainError("Professionnel : choisissez quelqu'un dans la liste.")
        service.add_member(current_user, cellule, user, form.role.data)
    return redirect(url_for("cellule.show", cellule_id=cellule_id, _anchor="membres"), code=303)


@blueprint.post("/<int:cellule_id>/membres/<int:member_id>/retirer")
def remove_member(cellule_id: int, member_id: int):
    cellule = get_or_404(Cellule, cellule_id, current_user, "cellule.manage")
    member = db.session.get(CelluleMember, member_id)
    if member is None or member.cellule_id != cellule.id:
        abort(404)
    with committed("Membre retiré de la cellule."):
        service.remove_member(current_user, cellule, member)
    return redirect(url_for("cellule.show", cellule_id=cellule_id, _anchor="membres"), code=303)


@blueprint.post("/<int:cellule_id>/seances")
def add_session(cellule_id: int):
    cellule = get_or_404(Cellule, cellule_id, current_user, "cellule.run")
    form = SessionForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("cellule.show", cellule_id=cellule_id), code=303)
    try:
        ask_unusual_session_day(form)
    except Invalid as question:  # the page again, what was typed kept, to confirm
        put_problems(form, question)
        return _render_cellule(cellule, form), 422
    session = service.add_session(
        current_user, cellule, at_local_time(form.day.data, form.start.data), form.place.data or ""
    )
    db.session.commit()
    flash("Séance ajoutée.", "success")
    return redirect(url_for("cellule.session", session_id=session.id), code=303)


@blueprint.post("/seances/<int:session_id>/annuler")
def cancel_session(session_id: int):
    session = load_session(session_id, "cellule.run")
    cellule_id = session.cellule_id
    with committed("Séance annulée ; les personnes proposées passent à la séance suivante."):
        service.cancel_session(current_user, session, int(request.form.get("version") or 0))
    return redirect(url_for("cellule.show", cellule_id=cellule_id), code=303)

