"""Offers brought twice: the flagged pairs, merging them, or saying they differ."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from webapp.core.errors import Invalid, NotAllowed
from webapp.core.forms import optional_int
from webapp.core.web import get_or_404, require
from webapp.extensions import db
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
    form.validate_on_submit()
    kept, absorbed = _pair(form)
    try:
        merge_offers(current_user, kept, absorbed)
    except (Invalid, NotAllowed) as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("offers.duplicates"), code=303)
    db.session.commit()
    flash(f"L'offre {absorbed.reference} est fusionnée dans {kept.reference}, "
          "avec ses sources et ses contacts.", "success")
    return redirect(url_for("offers.detail", offer_id=kept.id), code=303)


@blueprint.post("/doublons/ignorer")
def dismiss():
    require(current_user, "offer.merge")
    form = PairForm()
    form.validate_on_submit()
    first, second = _pair(form)
    dismiss_pair(current_user, first, second)
    db.session.commit()
    flash(f"{first.reference} et {second.reference} ne seront plus signalées comme doublon.", "success")
    return redirect(url_for("offers.duplicates"), code=303)
