from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user
from sqlalchemy import select

from webapp.admin.forms import CommunePoleForm, MembershipForm, OrganisationForm, UserForm
from webapp.choices import choices
from webapp.errors import Invalid
from webapp.extensions import db
from webapp.htmx import is_fragment_request
from webapp.models import Commune, Organisation, Pole, User
from webapp.permissions import require
from webapp.services import organisations as organisation_service
from webapp.services import users as user_service

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

NO_POLE = [(None, "— Aucun (tout le département) —")]


@blueprint.before_request
@login_required
def only_administrators():
    require(current_user, "admin.manage")


@blueprint.get("/")
def index():
    return render_template("admin/index.html")


@blueprint.get("/organisations")
def organisations():
    rows = db.session.scalars(select(Organisation).order_by(Organisation.kind, Organisation.name))
    return render_template("admin/organisations.html", organisations=rows)


@blueprint.route("/organisations/nouvelle", methods=["GET", "POST"])
@blueprint.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
def organisation_form(organisation_id: int | None = None):
    organisation = db.get_or_404(Organisation, organisation_id) if organisation_id else None
    form = OrganisationForm(obj=organisation)
    form.pole_id.choices = choices(NO_POLE + organisation_service.pole_choices())
    if form.validate_on_submit():
        try:
            organisation_service.save_organisation(
                organisation, form.name.data, form.kind.data, form.pole_id.data, form.active.data
            )
        except Invalid as error:
            getattr(form, error.field or "name").errors.append(error.message)
        else:
            db.session.commit()
            flash("Organisation enregistrée.", "success")
            return redirect(url_for("admin.organisations"), code=303)
    return render_template("admin/organisation_form.html", form=form, organisation=organisation)


@blueprint.get("/utilisateurs")
def users():
    rows = db.session.scalars(select(User).order_by(User.display_name))
    return render_template("admin/users.html", users=rows)


@blueprint.route("/utilisateurs/nouveau", methods=["GET", "POST"])
@blueprint.route("/utilisateurs/<int:user_id>", methods=["GET", "POST"])
def user_form(user_id: int | None = None):
    user = db.get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    if user is not None:
        form.email.render_kw = {"readonly": True}
    if form.validate_on_submit():
        try:
            if user is None:
                user = user_service.create_user(
                    form.email.data, form.display_name.data, form.password.data or ""
                )
                user.active = form.active.data
            else:
                user_service.update_user(user, form.display_name.data, form.active.data, form.password.data)
        except Invalid as error:
            getattr(form, error.field or "email").errors.append(error.message)
        else:
            db.session.commit()
            if user.id == current_user.id and user.active:
                login_user(user)  # a new password ends the other sessions, not this one
            flash("Compte enregistré.", "success")
            return redirect(url_for("admin.user_form", user_id=user.id), code=303)
    return render_template(
        "admin/user_form.html", form=form, user=user, membership_form=_membership_form()
    )


def _membership_form() -> MembershipForm:
    form = MembershipForm(prefix="role")
    form.organisation_id.choices = choices(
        (o.id, o.name) for o in db.session.scalars(select(Organisation).order_by(Organisation.name))
    )
    form.pole_id.choices = choices(NO_POLE + organisation_service.pole_choices())
    return form


@blueprint.post("/utilisateurs/<int:user_id>/roles")
def grant_role(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _membership_form()
    if form.validate_on_submit():
        organisation = db.get_or_404(Organisation, form.organisation_id.data)
        try:
            user_service.grant_role(user, organisation, form.role.data, form.pole_id.data)
        except Invalid as error:
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Rôle ajouté.", "success")
    return redirect(url_for("admin.user_form", user_id=user.id), code=303)


@blueprint.post("/utilisateurs/<int:user_id>/roles/<int:membership_id>/retirer")
def revoke_role(user_id: int, membership_id: int):
    user = db.get_or_404(User, user_id)
    try:
        user_service.revoke_role(user, membership_id)
    except Invalid as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash("Rôle retiré.", "success")
    return redirect(url_for("admin.user_form", user_id=user.id), code=303)


@blueprint.get("/poles")
def poles():
    poles = db.session.scalars(select(Pole).order_by(Pole.id)).all()
    communes = db.session.scalars(
        select(Commune).where(Commune.departement == "13", Commune.insee != "13055").order_by(Commune.name)
    ).all()
    return render_template("admin/poles.html", poles=poles, communes=communes)


@blueprint.post("/poles/communes/<insee>")
def move_commune(insee: str):
    form = CommunePoleForm()
    form.pole.choices = choices((p.code, p.name) for p in db.session.scalars(select(Pole)))
    try:
        if not form.validate_on_submit():
            raise Invalid("Choisissez un pôle dans la liste.", "pole")
        commune = organisation_service.move_commune_to_pole(insee, form.pole.data)
    except Invalid as error:
        message, status = error.message, 422
    else:
        db.session.commit()
        message, status = f"{commune.name} rattachée au {commune.pole.name}.", 200
    if is_fragment_request():
        return render_template("admin/_move_result.html", message=message), status
    flash(message, "success" if status == 200 else "error")
    return redirect(url_for("admin.poles", _anchor=f"c{insee}"), code=303)
