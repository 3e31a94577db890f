"""Offers brought twice: the flagged pairs, merging them, or saying they differ."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from webapp.core.forms import committed, optional_int, validated
from webapp.core.web import get_or_404, require
from webapp.offers.duplicates import dismiss_pair, duplicate_pairs, merge_offers
from webapp.offers.forms import PairForm
from webapp.offers.models import Offer
from webapp.offers.routes import blueprint


@blueprint.get("/doublons")
def duplicates():
    require(current_user, "offer.merge")
    return render_template("offers/duplicates.html", pairs=duplicate_pairs(current_user), form=PairForm())


def _pair(form: PairForm) -> tuple[Offer, Offer]:
    kept_id, absorbed_id = optional_int(form.kept_id.data), optional_int(form.absorbed_id.data)
    return (get_or_404(Offer, kept_id, current_user, "offer.merge"),
            get_or_404(Offer, absorbed_id, current_user, "offer.merge"))


@blueprint.post("/doublons/fusionner")
def merge():
    require(current_user, "offer.merge")
    form = PairForm()
    with committed(lambda: f"L'offre {absorbed.reference} est fusionnée dans {kept.reference}, "
                   "avec ses sources et ses contacts.") as post:
        validated(form)
        kept, absorbed = _pair(form)
        merge_offers(current_user, kept, absorbed)
    if not post.ok:
        return redirect(url_for("offers.duplicates"), code=303)
    return redirect(url_for("offers.detail", offer_id=kept.id), code=303)


@blueprint.post("/doublons/ignorer")
def dismiss():
    require(current_user, "offer.merge")
    form = PairForm()
    with committed(lambda: f"{first.reference} et {second.reference} ne seront plus signalées "
                   "comme doublon."):
        validated(form)
        first, second = _pair(form)
        dismiss_pair(current_user, first, second)
    return redirect(url_for("offers.duplicates"), code=303)
