"""The shared pool of offers: the list with its filters, the CSV export, an offer's page."""


from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.core.choices import choices
from webapp.core.forms import committed, validated
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import can
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.offers.editing import change_status as move_offer
from webapp.offers.editing import event_label, event_summary, expire_offers, status_actions
from webapp.offers.forms import PoolFilterForm, StatusForm
from webapp.offers.models import Offer
from webapp.offers.pool import offer_badges, offer_details, pool_csv, pool_page
from webapp.offers.pool_map import pool_map
from webapp.reference.jobs import rome_label
from webapp.reference.models import RomeDomain
from webapp.reference.places import place_label

blueprint = Blueprint("offers", __name__, url_prefix="/offres")


@blueprint.before_request
@login_required
def offers_are_for_staff_and_employers():
    require(current_user, "offer.view")
    if expire_offers(clock.today()):
        db.session.commit()


@blueprint.get("/")
def pool():
    form = pool_filter_form()
    number = request.args.get("page", 1, type=int)
    result = pool_page(current_user, form.filters(), number, current_app.config["PAGE_SIZE"])
    args = _filter_args()
    context = {
        "form": form, "result": result, "export_url": url_for("offers.export_csv", **args),
        "page_urls": {n: url_for("offers.pool", **args, page=n)
                      for n in (result.page.number - 1, result.page.number + 1)},
        "rome_display": rome_label(form.rome.data), "commune_display": place_label(form.commune.data),
        "map": pool_map(current_user, form.filters()),
    }
    template = "offers/_results.html" if is_fragment_request() else "offers/pool.html"
    return vary_on_htmx(make_response(render_template(template, **context)))


def pool_filter_form() -> PoolFilterForm:
    """The filter form read from the URL, its lists filled from the reference data."""
    form = PoolFilterForm(formdata=request.args)
    domains = db.session.execute(select(RomeDomain.code, RomeDomain.label).order_by(RomeDomain.code))
    form.famille.choices = choices([("", "Toutes les familles")] + [
        (code, f"{code} – {label}" if len(code) == 1 else f"\u2003{code} – {label}")
        for code, label in domains])
    organisations = db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.active, Organisation.kind != "employer").order_by(Organisation.name))
    form.organisation.choices = choices([("", "Toutes les organisations"), *organisations])
    return form


def _filter_args() -> dict[str, str]:
    """The URL's filters, without the page number and the autocompletes' typed text."""
    return {key: value for key, value in request.args.items()
            if key != "page" and not key.endswith("-search")}


@blueprint.get("/export.csv")
def export_csv():
    filters = pool_filter_form().filters()
    chunks = stream_with_context(pool_csv(current_user, filters))
    filename = f"offres-{clock.today():%Y-%m-%d}.csv"
    return Response(chunks, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@blueprint.get("/<int:offer_id>")
def detail(offer_id: int):
    offer = get_or_404(Offer, offer_id, current_user, "offer.view")
    return render_template(
        "offers/detail.html", offer=offer, details=offer_details(offer), offer_badges=offer_badges(offer),
        actions=status_actions(current_user, offer), status_form=StatusForm(data={"version": offer.version}),
        history=[(event_label(event), event_summary(event), event.note) for event in reversed(offer.events)],
        may_edit=can(current_user, "offer.edit", offer) and offer.merged_into_id is None,
        company_visible=offer.company is not None and can(current_user, "company.view", offer.company),
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
