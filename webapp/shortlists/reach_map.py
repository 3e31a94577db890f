"""A person's map (issue 17, "Maps"): the communes within their travel time by each mode
they have, filled by the fastest of them, and the offers in reach counted on their commune.
Shown in the profile's "À portée" section, whose route loads the person through
profiles/shown.py (one access-log row per display)."""

from functools import lru_cache

import numpy as np
from sqlalchemy import select

from matching.exchange import MODES
from webapp.core.formatting import number_fr
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.offers.radius import among
from webapp.profiles.models import TRAVEL_MODES, Profile
from webapp.reference.maps import MapView, category_map, map_communes
from webapp.reference.models import Commune
from webapp.reference.referential import engine_referential
from webapp.shortlists.live import RankedList

REACH_CACHE_SIZE = 4096  # distinct (commune, modes, minutes) kept per process


def reach_by_commune(profile: Profile) -> dict[str, list[tuple[str, int]]]:
    """For each commune drawn within the person's travel time: [(mode, minutes)], fastest first."""
    modes = tuple(mode for mode in MODES if mode in (profile.mobility_modes or []))
    reach = _reach(id(engine_referential()), profile.commune_insee, modes, profile.max_minutes)
    return {insee: list(trips) for insee, trips in reach}


@lru_cache(maxsize=REACH_CACHE_SIZE)
def _reach(referential_id: int, commune: str, modes: tuple[str, ...],
           max_minutes: int) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """reach_by_commune for one origin, mode set and time limit, read from the travel table
    in one slice per mode (the referential's id keys a reloaded table apart)."""
    referential = engine_referential()
    origin = referential.commune_index.get(commune)
    if origin is None:
        return ()
    drawn, destinations = _drawn(referential_id)
    minutes = {mode: np.round(referential.minutes_to[MODES.index(mode), destinations, origin])
               for mode in modes}
    reach = []
    for position, insee in enumerate(drawn):
        trips = [(mode, int(minutes[mode][position])) for mode in modes]
        trips = sorted((trip for trip in trips if trip[1] <= max_minutes), key=lambda t: t[1])
        if trips:
            reach.append((insee, tuple(trips)))
    return tuple(reach)


@lru_cache(maxsize=2)
def _drawn(referential_id: int) -> tuple[tuple[str, ...], np.ndarray]:
    """The map's communes the travel table knows, in the map's order, and their rows."""
    index = engine_referential().commune_index
    drawn = tuple(insee for insee in map_communes() if insee in index)
    return drawn, np.array([index[insee] for insee in drawn], dtype=np.int64)


def reach_map(profile: Profile, offers: RankedList) -> MapView:
    """The map and its table: one row per commune within reach, the nearest first."""
    reach = reach_by_commune(profile)
    offer_ids = [card.record_id for card in offers.cards]
    counts: dict[str, int] = {}
    for insee in db.session.scalars(select(Offer.commune_insee).where(Offer.id.in_(offer_ids))):
        counts[insee] = counts.get(insee, 0) + 1
    communes = db.session.execute(select(Commune.insee, Commune.name, Commune.lat, Commune.lon)
                                  .where(among(Commune.insee, sorted(map_communes())))).all()
    names = {insee: name for insee, name, _, _ in communes}
    centres = {insee: (lat, lon) for insee, _, lat, lon in communes}
    details = {insee: ", ".join(f"{TRAVEL_MODES[mode].lower()} {minutes} min" for mode, minutes in trips)
               for insee, trips in reach.items()}
    fastest = {insee: TRAVEL_MODES[trips[0][0]] for insee, trips in reach.items()}
    order = [TRAVEL_MODES[mode] for mode in MODES if mode in (profile.mobility_modes or [])]
    modes_text = ", ".join(label.lower() for label in order) or "aucun mode renseigné"
    description = (f"{number_fr(len(reach))} communes à moins de {profile.max_minutes} min "
                   f"({modes_text}), colorées selon le mode le plus rapide ; "
                   f"{number_fr(sum(counts.values()))} offres à portée.")
    svg = category_map("carte-portee", "Communes à portée et offres", description, fastest, order,
                       names, details, counts, centres)
    rows = tuple((names.get(insee, insee), details[insee], number_fr(counts.get(insee, 0)))
                 for insee in sorted(reach, key=lambda i: (reach[i][0][1], names.get(i, i))))
    return MapView(svg, f"Communes à moins de {profile.max_minutes} min de trajet",
                   ("Commune", "Trajet selon le mode", "Offres à portée"), rows)
