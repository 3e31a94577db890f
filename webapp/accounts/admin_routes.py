from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_user
from sqlalchemy import select

from webapp.accounts import organisations as organisation_service
from webapp.accounts import users as user_service
from webapp.accounts.admin_forms import CommunePoleForm, MembershipForm, OrganisationForm, UserForm
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.accounts.routes import blueprint
from webapp.core import registries
from webapp.core.choices import choices
from webapp.core.errors import Invalid
from webapp.core.forms import committed, form_post
from webapp.core.htmx import is_fragment_request
from webapp.core.web import allowed
from webapp.extensions import db
from webapp.reference.models import Commune, Pole

NO_POLE = [(None, "— Aucun (tout le département) —")]




@blueprint.get("/admin/")
@allowed("admin.manage")
def admin():
    return render_template("accounts/admin.html")


@blueprint.get("/admin/organisations")
@allowed("admin.manage")
def organisations():
    rows = db.session.scalars(select(Organisation).order_by(Organisation.kind, Organisation.name))
    return render_template("accounts/organisations.html", organisations=rows)


@blueprint.route("/admin/organisations/nouvelle", methods=["GET", "POST"])
@blueprint.route("/admin/organisations/<int:organisation_id>", methods=["GET", "POST"])
@allowed("admin.manage")
def organisation_form(organisation_id: int | None = None):
    organisation = db.get_or_404(Organisation, organisation_id) if organisation_id else None
    form = OrganisationForm(obj=organisation)
    form.pole_id.choices = choices(NO_POLE + organisation_service.pole_choices())
    done = form_post(
        form,
        lambda: organisation_service.save_organisation(
            organisation, form.name.data, form.kind.data, form.pole_id.data, form.active.data
        ),
        "Organisation enregistrée.",
        lambda _: url_for("accounts.organisations"),
    )
    return done or render_template("accounts/organisation_form.html", form=form, organisation=organisation)


@blueprint.get("/admin/utilisateurs")
@allowed("admin.manage")
def users():
    rows = db.session.scalars(select(User).order_by(User.display_name))
    return render_template("accounts/users.html", users=rows)


@blueprint.route("/admin/utilisateurs/nouveau", methods=["GET", "POST"])
@blueprint.route("/admin/utilisateurs/<int:user_id>", methods=["GET", "POST"])
@allowed("admin.manage")
def user_form(user_id: int | None = None):
    user = db.get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    if user is not None:
        form.email.render_kw = {"readonly": True}

    def save() -> User:
        if user is None:
            created = user_service.create_user(
                form.email.data, form.display_name.data, form.password.data or ""
            )
            created.active = form.active.data
            return created
        user_service.update_user(user, form.display_name.data, form.active.data, form.password.data)
        return user

    def saved_page(saved: User) -> str:
        if saved.id == current_user.id and saved.active:
            login_user(saved)  # a new password ends the other sessions, not this one
        return url_for("accounts.user_form", user_id=saved.id)

    done = form_post(form, save, "Compte enregistré.", saved_page)
    notices = [text for notices_of in registries.user_notices for text in notices_of(user)] if user else []
    return done or render_template(
        "accounts/user_form.html", form=form, user=user, membership_form=_membership_form(),
        notices=notices,
    )


def _membership_form() -> MembershipForm:
    form = MembershipForm(prefix="role")
    form.organisation_id.choices = choices(
        (o.id, o.name) for o in db.session.scalars(select(Organisation).order_by(Organisation.name))
    )
    form.pole_id.choices = choices(NO_POLE + organisation_service.pole_choices())
    return form


@blueprint.post("/admin/utilisateurs/<int:user_id>/roles")
@allowed("admin.manage")
def grant_role(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _membership_form()
    if form.validate_on_submit():
        organisation = db.get_or_404(Organisation, form.organisation_id.data)
        with committed("Rôle ajouté."):
            user_service.grant_role(user, organisation, form.role.data, form.pole_id.data)
    return redirect(url_for("accounts.user_form", user_id=user.id), code=303)


@blueprint.post("/admin/utilisateurs/<int:user_id>/roles/<int:membership_id>/retirer")
@allowed("admin.manage")
def revoke_role(user_id: int, membership_id: int):
    user = db.get_or_404(User, user_id)
    with committed("Rôle retiré."):
        user_service.revoke_role(user, membership_id)
    return redirect(url_for("accounts.user_form", user_id=user.id), code=303)


@blueprint.get("/admin/poles")
@allowed("admin.manage")
def poles():
    poles = db.session.scalars(select(Pole).order_by(Pole.id)).all()
    communes = db.session.scalars(
        select(Commune).where(Commune.departement == "13", Commune.insee != "13055").order_by(Commune.name)
    ).all()
    return render_template("accounts/poles.html", poles=poles, communes=communes)


@blueprint.post("/admin/poles/communes/<insee>")
@allowed("admin.manage")
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
        return render_template("accounts/_move_result.html", message=message), status
    flash(message, "success" if status == 200 else "error")
    return redirect(url_for("accounts.poles", _anchor=f"c{insee}"), code=303)
