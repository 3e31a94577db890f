"""One version check for concurrent edits: a stale form and a lost race both end in the one
Conflict, listing what the other person changed where the record keeps a history."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from tests import factories
from tests.clock import TODAY
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Conflict
from webapp.offers.editing import change_status, update_offer
from webapp.offers.models import Offer
from webapp.offers.values import OfferValues


def _offer():
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi")
    cre = factories.user((org, "cre"), name="Camille CRE")
    other = factories.user((org, "cre"), name="Dominique Autre")
    return factories.offer(org, cre_id=cre.id, start_date=TODAY + timedelta(days=5)), cre, other


def test_check_version_lets_the_current_version_and_no_version_through(database):
    offer, _, _ = _offer()
    check_version(offer, offer.version)
    check_version(offer, None)
    with pytest.raises(Conflict, match="Rechargez la page"):
        check_version(offer, offer.version - 1)


def test_a_stale_offer_form_lists_the_other_persons_change(database):
    offer, cre, other = _offer()
    stale = offer.version
    change_status(other, offer, "suspended")
    with pytest.raises(Conflict) as conflict:
        update_offer(cre, offer, OfferValues.of(offer), stale)
    assert "Dominique Autre" in conflict.value.changes[0]
    assert "statut : Suspendue" in conflict.value.changes[0]
    assert "rechargez la page" in conflict.value.message


def test_a_lost_race_is_a_conflict_listing_the_other_persons_change(database):
    offer, _, _ = _offer()
    read = offer.version
    database.session.execute(  # someone else saves between our read and our write
        update(Offer).where(Offer.id == offer.id).values(version=Offer.version + 1)
        .execution_options(synchronize_session=False))
    offer.title = "Agent de propreté (modifié)"
    with pytest.raises(Conflict) as conflict:
        flush_or_conflict(offer, "Cette offre a été modifiée : rechargez la page.",
                          lambda record, since: [f"depuis la version {since}"])
    assert conflict.value.message == "Cette offre a été modifiée : rechargez la page."
    assert conflict.value.changes == [f"depuis la version {read}"]
