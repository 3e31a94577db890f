"""The shared pool of offers: the list with its filters, the CSV export, an offer's page."""

from dataclasses import replace
from functools import lru_cache

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.core.choices import choices
from webapp.core.forms import committed, validated
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import can
from webapp.core.tabular_export import download
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.offers.editing import change_status as move_offer
from webapp.offers.editing import status_actions
from webapp.offers.forms import PoolFilterForm, StatusForm
from webapp.offers.models import Offer
from webapp.offers.page import load_offer_page, offer_history
from webapp.offers.partners import offer_links
from webapp.offers.pool import PoolFilters, offer_badges, offer_details, pool_page, pool_sheet
from webapp.offers.pool_map import pool_map
from webapp.offers.territory import WHOLE_DEPARTMENT, PoolTerritory, pool_territory
from webapp.reference.jobs import rome_label
from webapp.reference.places import place_label
from webapp.reference.referential import engine_referential

blueprint = Blueprint("offers", __name__, url_prefix="/offres")


@blueprint.before_request
@login_required
def offers_are_for_staff_and_employers():
    require(current_user, "offer.view")


@blueprint.get("/")
def pool():
    form = pool_filter_form()
    number = request.args.get("page", 1, type=int)
    filters, territory = pool_filters(form)
    result = pool_page(current_user, filters, number, current_app.config["PAGE_SIZE"])
    args = _filter_args()
    others = {key: value for key, value in args.items() if key != "perimetre"}
    context = {
        "form": form, "result": result, "export_url": url_for("offers.export_csv", **args),
        "territory": territory, "whole_department": WHOLE_DEPARTMENT,
        "whole_url": url_for("offers.pool", **others, perimetre=WHOLE_DEPARTMENT),
        "home_url": url_for("offers.pool", **others),
        "xlsx_url": url_for("offers.export_xlsx", **args),
        "page_urls": {n: url_for("offers.pool", **args, page=n)
                      for n in (result.page.number - 1, result.page.number + 1)},
        "rome_display": rome_label(form.rome.data), "commune_display": place_label(form.commune.data),
        "map": pool_map(result),
    }
    template = "offers/_results.html" if is_fragment_request() else "offers/pool.html"
    return vary_on_htmx(make_response(render_template(template, **context)))


def pool_filter_form() -> PoolFilterForm:
    """The filter form read from the URL, its lists filled from the reference data."""
    form = PoolFilterForm(formdata=request.args)
    form.famille.choices = choices(_families())
    organisations = db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.active, Organisation.kind != "employer").order_by(Organisation.name))
    form.organisation.choices = choices([("", "Toutes les organisations"), *organisations])
    return form


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[str, str], ...]:
    """The family filter's options: each grand domaine, its domaines indented under it. Read
    once per process from the shipped referential, which the reference tables are loaded from."""
    return (("", "Toutes les familles"), *(
        (code, f"{code} – {label}" if len(code) == 1 else f"\u2003{code} – {label}")
        for code, label in sorted(engine_referential().domain_labels.items())))


def pool_filters(form: PoolFilterForm) -> tuple[PoolFilters, PoolTerritory]:
    """The filters of the URL, limited to the user's pôle unless the URL asks for the whole
    département (a search around a commune reaches past the pôle anyway)."""
    territory = pool_territory(current_user, request.args.get("perimetre"))
    return replace(form.filters(), pole_id=territory.pole_id), territory


def _filter_args() -> dict[str, str]:
    """The URL's filters, without the page number and the autocompletes' typed text."""
    return {key: value for key, value in request.args.items()
            if key != "page" and not key.endswith("-search")}


@blueprint.get("/export.csv")
def export_csv():
    return _export("csv")


@blueprint.get("/export.xlsx")
def export_xlsx():
    return _export("xlsx")


def _export(kind: str):
    filters, _ = pool_filters(pool_filter_form())
    return download(pool_sheet(current_user, filters), f"offres-{clock.today():%Y-%m-%d}", kind)


@blueprint.get("/<int:offer_id>")
def detail(offer_id: int):
    from webapp.offers.rome_confirm import rome_choices

    offer = load_offer_page(offer_id)
    get_or_404(Offer, offer_id, current_user, "offer.view")  # finds the offer just loaded: no statement
    may_edit = can(current_user, "offer.edit", offer) and offer.merged_into_id is None
    return render_template(
        "offers/detail.html", offer=offer, details=offer_details(offer), offer_badges=offer_badges(offer),
        actions=status_actions(current_user, offer), status_form=StatusForm(data={"version": offer.version}),
        history=offer_history(offer),
        may_edit=may_edit, rome_choices=rome_choices(offer) if may_edit else [],
        company_visible=offer.company is not None and can(current_user, "company.view", offer.company),
        partner_links=offer_links(offer, current_user),
    )


@blueprint.post("/<int:offer_id>/statut")
def change_status(offer_id: int):
    offer = get_or_404(Offer, offer_id, current_user, "offer.edit")
    form = StatusForm()
    with committed(lambda: f"Offre {offer.reference} : {offer.status_label.lower()}.") as post:
        validated(form)
        move_offer(current_user, offer, request.form.get("to_status", ""), note=form.note.data or "",
                   version=int(form.version.data or 0))
    for line in getattr(post.error, "changes", []):
        flash(line, "warning")
    return redirect(url_for("offers.detail", offer_id=offer_id), code=303)


from webapp.core import clock
