"""Creating and editing an offer (with the job, place and employer autocompletes)."""

from flask import abort, render_template, request, url_for
from flask_login import current_user

from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.dates import ask_unusual_dates
from webapp.core.errors import Conflict
from webapp.core.forms import form_post, optional_int
from webapp.core.permissions import can
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.offers.editing import (
    contacts_of,
    create_offer,
    creating_organisations,
    update_offer,
)
from webapp.offers.forms import OfferForm
from webapp.offers.models import Offer
from webapp.offers.routes import blueprint
from webapp.reference.jobs import rome_label
from webapp.reference.places import place_label


@blueprint.route("/nouvelle", methods=["GET", "POST"])
def new():
    require(current_user, "offer.create")
    organisations = creating_organisations(current_user)
    if not organisations:
        abort(404)
    form = OfferForm(data=_prefill())
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations)
    _contact_choices(form)
    organisation = next((o for o in organisations if o.id == form.organisation_id.data), None)
    status = "open" if request.form.get("publier") else "draft"

    def create():
        _ask_dates(form)
        return create_offer(current_user, form.values(), organisation=organisation, status=status)

    done = form_post(
        form, create,
        lambda offer: f"Offre {offer.reference} {'publiée' if status == 'open' else 'enregistrée en brouillon'}.",
        lambda offer: url_for("offers.detail", offer_id=offer.id), check=create)
    return done or _render(form, None)


def _ask_dates(form: OfferForm) -> None:
    ask_unusual_dates(form, form.start_date, form.end_date, today=clock.today())


def _prefill() -> dict:
    """A new offer started from a company's page comes with that company."""
    company_id = request.args.get("entreprise", type=int)
    company = db.session.get(Company, company_id) if company_id else None
    if company is None or not can(current_user, "company.view", company):
        return {}
    return {"company_id": company.id, "commune_insee": company.commune_insee}


@blueprint.route("/<int:offer_id>/modifier", methods=["GET", "POST"])
def edit(offer_id: int):
    offer = get_or_404(Offer, offer_id, current_user, "offer.edit")
    form = OfferForm(obj=offer)
    form.organisation_id.choices = choices([(offer.organisation_id, offer.organisation.name)])
    _contact_choices(form)

    def save():
        _ask_dates(form)
        return update_offer(current_user, offer, form.values(), optional_int(form.version.data) or 0)

    try:
        done = form_post(form, save, "Offre enregistrée.",
                         lambda _: url_for("offers.detail", offer_id=offer.id), check=save,
                         passes=(Conflict,))
    except Conflict as error:
        form.version.data = str(db.session.get(Offer, offer_id).version)
        return _render(form, db.session.get(Offer, offer_id), error.changes)
    return done or _render(form, db.session.get(Offer, offer_id))


def _contact_choices(form: OfferForm) -> None:
    company_id = form.values().company_id
    form.contact_id.choices = choices(
        [(None, "— Aucun contact précisé —"), *((c.id, f"{c.name} ({c.role})" if c.role else c.name)
                                                  for c in contacts_of(company_id))])


def _render(form: OfferForm, offer: Offer | None, conflict: list[str] = ()):
    company = db.session.get(Company, form.values().company_id) if form.values().company_id else None
    displays = {
        "rome_code": rome_label(form.rome_code.data) or request.form.get("rome_code-search", ""),
        "commune_insee": place_label(form.commune_insee.data) or request.form.get("commune_insee-search", ""),
        "company_id": (f"{company.name} ({company.commune.name})" if company
                       else request.form.get("company_id-search", "")),
    }
    status = 422 if request.method == "POST" else 200
    return render_template("offers/form.html", form=form, offer=offer, displays=displays,
                           conflict=conflict, new=offer is None), status


@blueprint.get("/contacts")
def contact_field():
    """The contact select for the employer just chosen in the offer form (htmx)."""
    form = OfferForm(formdata=request.args, meta={"csrf": False})
    company = db.session.get(Company, form.values().company_id) if form.values().company_id else None
    if company is not None and not can(current_user, "company.view", company):
        abort(404)
    _contact_choices(form)
    return render_template("offers/_contact_field.html", form=form)
