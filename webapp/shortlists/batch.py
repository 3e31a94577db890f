"""`flask match all`: rank every open offer of a territory and store the shortlists."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select, true

from matching.weights import ENGINE_VERSION
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.shortlists.inputs import (
    RANKED_PROFILE_STATUSES,
    Skipped,
    exchange_offers,
    exchange_profiles,
)
from webapp.shortlists.live import SHORTLIST_SIZE, engine_for
from webapp.shortlists.models import Shortlist, ShortlistEntry


@dataclass(frozen=True)
class BatchReport:
    offers_ranked: int
    profiles_ranked: int
    entries_stored: int
    skipped: tuple[Skipped, ...]
    seconds: float

    def lines(self) -> list[str]:
        lines = [f"{s.reference} ignoré : {s.problem}" for s in self.skipped]
        lines.append(
            f"offres classées : {self.offers_ranked}, profils considérés : {self.profiles_ranked}, "
            f"lignes enregistrées : {self.entries_stored}, écartés (données invalides) : "
            f"{len(self.skipped)}, durée : {self.seconds:.1f} s"
        )
        return lines


def rank_territory(pole_id: int | None, progress: Callable[[int, int], None] | None = None,
                   top: int = SHORTLIST_SIZE) -> BatchReport:
    """Rank the open offers of a pôle (or the département) against the people of the whole
    département (travel time decides, not the pôle border); store each offer's shortlist with
    the weights and engine version, replacing the previous one."""
    started = time.perf_counter()
    in_territory = (lambda model: model.pole_id == pole_id) if pole_id else (lambda model: true())
    offer_rows = db.session.scalars(
        select(Offer).where(in_territory(Offer), Offer.status == "open").order_by(Offer.reference)
    ).all()
    profile_rows = db.session.scalars(select(Profile).where(
        Profile.status.in_(RANKED_PROFILE_STATUSES)
    )).all()
    offers, skipped_offers = exchange_offers(offer_rows)
    profiles, skipped_profiles = exchange_profiles(profile_rows)
    engine = engine_for(pole_id)
    results = engine.rank_all(offers, engine.profile_pool(profiles), top=top, progress=progress)

    offer_id = {row.reference: row.id for row in offer_rows}
    profile_id = {row.reference: row.id for row in profile_rows}
    previous = select(Shortlist.id).where(Shortlist.offer_id.in_(list(offer_id.values())))
    db.session.execute(delete(ShortlistEntry).where(ShortlistEntry.shortlist_id.in_(previous)))
    db.session.execute(delete(Shortlist).where(Shortlist.offer_id.in_(list(offer_id.values()))))
    weights = engine.weights.to_dict()
    stored = 0
    for result in results:
        shortlist = Shortlist(
            offer_id=offer_id[result.offer_id], engine_version=ENGINE_VERSION, weights=weights,
            candidates=result.candidates, excluded=result.excluded_count,
            exclusion_summary=result.exclusion_summary()[:300],
        )
        shortlist.entries = [
            ShortlistEntry(profile_id=profile_id[m.profile_id], rank=rank, score=m.score,
                           components=m.components.to_dict(), travel_minutes=m.travel.minutes,
                           travel_mode=m.travel.mode, reasons=list(m.reasons))
            for rank, m in enumerate(result.matches, start=1)
        ]
        stored += len(shortlist.entries)
        db.session.add(shortlist)
    db.session.flush()
    return BatchReport(len(offers), len(profiles), stored,
                       tuple(skipped_offers + skipped_profiles), time.perf_counter() - started)
