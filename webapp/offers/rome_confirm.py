"""An offer whose ROME code is to confirm: its three best codes, each one click away."""

from dataclasses import replace

from flask import redirect, request, url_for
from flask_login import current_user

from webapp.core.errors import Invalid
from webapp.core.forms import committed, optional_int
from webapp.core.web import get_or_404
from webapp.offers.editing import update_offer
from webapp.offers.models import Offer
from webapp.offers.routes import blueprint
from webapp.offers.values import OfferValues
from webapp.reference.jobs import job_suggester

# As many as `rank` gives with an offer to confirm (matching.pools.TO_CONFIRM_SUGGESTIONS).
SUGGESTIONS = 3


def rome_choices(offer: Offer) -> list[tuple[str, str]]:
    """(code, job label) of the best codes for an offer without one, best first."""
    if offer.rome_code is not None:
        return []
    return [(s.code, s.label) for s in job_suggester().suggest(offer.title, SUGGESTIONS)]


@blueprint.post("/<int:offer_id>/metier")
def confirm_rome(offer_id: int):
    offer = get_or_404(Offer, offer_id, current_user, "offer.edit")
    code = request.form.get("rome_code", "")
    with committed(lambda: f"Offre {offer.reference} : métier enregistré ({code}).") as _:
        if code not in {c for c, _ in rome_choices(offer)}:
            raise Invalid("Métier : choisissez l'un des métiers proposés.", "rome_code")
        update_offer(current_user, offer, replace(OfferValues.of(offer), rome_code=code),
                     optional_int(request.form.get("version")) or 0)
        offer.rome_inferred = False
    return redirect(url_for("offers.detail", offer_id=offer_id), code=303)
