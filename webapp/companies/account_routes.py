"""Employer accounts: public self-registration and invitation links, CRE validation and invites."""

from functools import wraps

from flask import (
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.companies import accounts as account_service
from webapp.companies.account_forms import (
    ActivationForm,
    InvitationForm,
    RegistrationForm,
    RejectForm,
    ValidateRegistrationForm,
)
from webapp.companies.account_models import EmployerInvitation, EmployerRegistration
from webapp.companies.employer_takeover import employer_rights, existing_accounts
from webapp.companies.routes import blueprint
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.forms import committed, form_post, validated
from webapp.core.htmx import vary_on_htmx
from webapp.core.permissions import may, visible_clause
from webapp.core.ratelimit import throttle
from webapp.core.web import get_or_404
from webapp.extensions import db
from webapp.reference.places import place_label, suggest_places

LINK_KEY = "invitation_link"



# --- public: an employer asks for an account, or activates the one a CRE prepared ---


@blueprint.route("/comptes-employeurs/inscription", methods=["GET", "POST"])
@throttle("REGISTRATION_LIMIT", methods=["POST"])
def register():
    form = RegistrationForm()
    done = form_post(
        form,
        lambda: account_service.register_employer(
            form.company_name.data,
            form.siret.data,
            form.commune_insee.data,
            form.contact_name.data,
            form.email.data,
            form.password.data,
            clock.now(),
        ),
        None,
        lambda _: url_for("companies.registered"),
    )
    if done:
        return done
    place = place_label(form.commune_insee.data) or request.form.get("commune_insee-search", "")
    status = 422 if request.method == "POST" else 200
    return render_template("companies/register.html", form=form, place=place), status


@blueprint.get("/comptes-employeurs/inscription/envoyee")
def registered():
    return render_template("companies/registered.html")


@blueprint.get("/comptes-employeurs/communes")
@throttle("AUTOCOMPLETE_LIMIT")
def registration_places():
    """The commune autocomplete for the public registration form (public reference data)."""
    query = request.args.get("q", "")
    suggestions = [(s.insee, s.label, s.insee) for s in suggest_places(query)]
    html = render_template(
        "_suggestions.html",
        suggestions=suggestions,
        query=query,
        target=request.args.get("target", ""),
    )
    return vary_on_htmx(make_response(html))


@blueprint.route("/comptes-employeurs/activation/<token>", methods=["GET", "POST"])
@throttle("ACTIVATION_LIMIT")
def activate(token: str):
    try:
        invitation = account_service.find_invitation(token, clock.now())
    except Invalid as error:
        return render_template("companies/activation.html", error=error.message, form=None), 404
    form = ActivationForm()
    done = form_post(
        form,
        lambda: account_service.activate_invitation(token, form.password.data, clock.now()),
        "Mot de passe enregistré : connectez-vous avec votre adresse e-mail.",
        lambda _: url_for("accounts.login"),
    )
    if done:
        return done
    status = 422 if request.method == "POST" else 200
    return render_template(
        "companies/activation.html", form=form, invitation=invitation, error=None
    ), status


# --- CREs: validate the registrations of their territory, invite an employer ---


def staff_only(view):
    @wraps(view)
    @login_required
    def guarded(*args, **kwargs):
        if not (may(current_user, "registration.decide") or may(current_user, "employer.invite")):
            abort(404)
        return view(*args, **kwargs)

    return guarded


@blueprint.get("/comptes-employeurs/")
@staff_only
def accounts():
    registrations = db.session.scalars(
        select(EmployerRegistration)
        .where(visible_clause(current_user, "registration.decide", EmployerRegistration))
        .order_by(EmployerRegistration.status != "pending", EmployerRegistration.created_at.desc())
        .limit(100)
    ).all()
    return render_template("companies/accounts.html", registrations=registrations)


def _registration(registration_id: int) -> EmployerRegistration:
    return get_or_404(EmployerRegistration, registration_id, current_user, "registration.decide")


@blueprint.get("/comptes-employeurs/inscriptions/<int:registration_id>")
@staff_only
def registration(registration_id: int, reject_form: RejectForm | None = None, status: int = 200):
    record = _registration(registration_id)
    candidates = account_service.registration_candidates(record) if record.status == "pending" else []
    return render_template(
        "companies/registration.html",
        registration=record,
        existing={c.id: existing_accounts(c, excluding=record.user) for c in candidates},
        rights=employer_rights(),
        candidates=candidates,
        siret_match=bool(candidates) and candidates[0].siret == record.siret,
        reject_form=reject_form or RejectForm(formdata=None),
    ), status


@blueprint.post("/comptes-employeurs/inscriptions/<int:registration_id>/valider")
@staff_only
def validate(registration_id: int):
    record = _registration(registration_id)
    form = ValidateRegistrationForm()
    with committed(lambda: f"Compte de {record.contact_name} ouvert : il peut se connecter."):
        validated(form)
        account_service.validate_registration(
            record, current_user, clock.now(), form.company_id.data, form.confirm_existing.data
        )
    return redirect(
        url_for("companies.registration", registration_id=registration_id), code=303
    )


@blueprint.post("/comptes-employeurs/inscriptions/<int:registration_id>/refuser")
@staff_only
def reject(registration_id: int):
    record = _registration(registration_id)
    form = RejectForm()
    done = form_post(
        form,
        lambda: account_service.reject_registration(
            record, current_user, form.reason.data, clock.now()
        ),
        "Demande refusée.",
        lambda _: url_for("companies.registration", registration_id=registration_id),
    )
    return done or registration(registration_id, reject_form=form, status=422)


@blueprint.route("/comptes-employeurs/inviter", methods=["GET", "POST"])
@staff_only
def invite():
    if not may(current_user, "employer.invite"):
        abort(404)
    form = InvitationForm(siret=request.args.get("siret", ""))

    def invite_it():
        company = account_service.company_by_siret(form.siret.data)
        if company is None:
            raise Invalid(
                "SIRET : aucune entreprise de l'annuaire n'a ce SIRET ; "
                "créez d'abord sa fiche dans l'annuaire.",
                "siret",
            )
        try:
            return account_service.invite_employer(
                current_user, company, form.contact_name.data, form.email.data, clock.now()
            )
        except NotAllowed:
            abort(404)  # a company outside the CRE's territory, as for any refused record

    def invitation_page(invited) -> str:
        invitation, token = invited
        session[LINK_KEY] = url_for("companies.activate", token=token, _external=True)
        return url_for("companies.invitation", invitation_id=invitation.id)

    done = form_post(form, invite_it, None, invitation_page)
    if done:
        return done
    status = 422 if request.method == "POST" else 200
    return render_template("companies/invite.html", form=form), status


@blueprint.get("/comptes-employeurs/invitations/<int:invitation_id>")
@staff_only
def invitation(invitation_id: int):
    record = db.session.get(EmployerInvitation, invitation_id)
    if record is None or record.created_by_id != current_user.id:
        abort(404)
    return render_template(
        "companies/invitation.html", invitation=record, link=session.pop(LINK_KEY, None)
    )
