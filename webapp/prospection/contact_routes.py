"""The contact log of a company: logging an exchange (with the over-solicitation warning), the
one-click need or draft offer from an exchange, and « ne pas solliciter »."""


from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.core.forms import form_post
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.prospection.contacts import SolicitationWarning, log_contact
from webapp.prospection.detected_needs import need_from_contact, offer_from_contact
from webapp.prospection.forms import ContactForm, DoNotSolicitForm
from webapp.prospection.models import CompanyContactLog, DoNotSolicit
from webapp.prospection.plan import target_of
from webapp.prospection.routes import blueprint
from webapp.prospection.solicit import lift_mark, mark_do_not_solicit
from webapp.prospection.views import quiet_days
from webapp.reference.jobs import rome_label


def _company(company_id: int) -> Company:
    company = get_or_404(Company, company_id, current_user, "company.view")
    return resolve_merged(company)


def _to_company(company: Company, message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("companies.detail", company_id=company.id), code=303)


@blueprint.route("/entreprises/<int:company_id>/echange", methods=["GET", "POST"])
def log_exchange(company_id: int):
    require(current_user, "contact.log")
    company = _company(company_id)
    form = ContactForm()
    if request.method == "GET":
        form.contacted_on.data, form.channel.data = clock.today(), "phone"
    warnings = []
    try:
        done = form_post(
            form, lambda: log_contact(current_user, company, form.contact(), today=clock.today(),
                                      quiet_days=quiet_days(), confirmed=form.confirm.data),
            "Échange consigné au journal de l'entreprise.",
            lambda _: url_for("companies.detail", company_id=company_id),
            passes=(SolicitationWarning,))
    except SolicitationWarning as warning:
        done, warnings = None, warning.lines
    if done:
        return done
    status = 422 if request.method == "POST" else 200
    return render_template("prospection/contact_form.html", company=company, form=form,
                           warnings=warnings, target=target_of(company.id),
                           need_display=rome_label(form.need_rome_code.data)
                           or request.form.get("need_rome_code-search", "")), status


def _entry(entry_id: int) -> CompanyContactLog:
    require(current_user, "contact.view")
    return db.session.get(CompanyContactLog, entry_id) or abort(404)


@blueprint.post("/echanges/<int:entry_id>/besoin")
def need_from_entry(entry_id: int):
    entry = _entry(entry_id)
    try:
        need = need_from_contact(current_user, entry, clock.today(), clock.now())
    except DomainError as error:
        db.session.rollback()
        return _to_company(db.session.get(Company, entry.company_id), error.message, "error")
    db.session.commit()
    flash(f"Besoin {need.reference} créé depuis l'échange, pré-rempli : vérifiez-le avec "
          "l'employeur.", "success")
    return redirect(url_for("needs.detail", need_id=need.id), code=303)


@blueprint.post("/echanges/<int:entry_id>/offre")
def offer_from_entry(entry_id: int):
    entry = _entry(entry_id)
    try:
        offer = offer_from_contact(current_user, entry, clock.today())
    except DomainError as error:
        db.session.rollback()
        return _to_company(db.session.get(Company, entry.company_id), error.message, "error")
    db.session.commit()
    flash(f"Brouillon d'offre {offer.reference} créé depuis l'échange : complétez-le puis "
          "publiez-le.", "success")
    return redirect(url_for("offers.edit", offer_id=offer.id), code=303)


@blueprint.route("/entreprises/<int:company_id>/ne-pas-solliciter", methods=["GET", "POST"])
def do_not_solicit(company_id: int):
    require(current_user, "company.do_not_solicit")
    company = _company(company_id)
    form = DoNotSolicitForm()
    done = form_post(
        form, lambda: mark_do_not_solicit(current_user, company, form.until.data,
                                          form.reason.data or "", clock.today()),
        "Entreprise marquée « ne pas solliciter ».",
        lambda _: url_for("companies.detail", company_id=company_id))
    if done:
        return done
    status = 422 if request.method == "POST" else 200
    return render_template("prospection/do_not_solicit.html", company=company,
                           form=form), status


@blueprint.post("/ne-pas-solliciter/<int:mark_id>/lever")
def lift(mark_id: int):
    require(current_user, "company.do_not_solicit")
    mark = db.session.get(DoNotSolicit, mark_id) or abort(404)
    company = _company(mark.company_id)
    try:
        lift_mark(current_user, mark, clock.now())
    except DomainError as error:
        db.session.rollback()
        return _to_company(company, error.message, "error")
    db.session.commit()
    return _to_company(company, "Mention « ne pas solliciter » levée.")
