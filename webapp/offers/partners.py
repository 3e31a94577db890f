"""The partners' tools from an offer's page: Estime for the AE (the gain from taking the job),
les emplois de l'inclusion for an IAE offer. The links carry the offer's commune at most."""

from webapp.accounts.models import User
from webapp.core.partner_links import PartnerLink, Place, emplois_inclusion, estime
from webapp.core.permissions import can
from webapp.offers.models import Offer


def offer_links(offer: Offer, user: User) -> tuple[PartnerLink, ...]:
    """The links this user is shown on this offer's page."""
    links = []
    if can(user, "offer.estime", offer):
        links.append(estime())
    if offer.contract == "IAE" and can(user, "offer.partner_links", offer):
        commune = offer.commune
        links.append(emplois_inclusion(Place(commune.insee, commune.name, commune.lat, commune.lon)))
    return tuple(links)
