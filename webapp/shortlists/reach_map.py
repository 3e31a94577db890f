"""A person's map (issue 17, "Maps"): the communes within their travel time by each mode
they have, filled by the fastest of them, and the offers in reach counted on their commune.
Shown in the profile's "À portée" section, whose route loads the person through
profiles/shown.py (one access-log row per display)."""

from sqlalchemy import select

from matching.exchange import MODES
from webapp.core.formatting import number_fr
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import TRAVEL_MODES, Profile
from webapp.reference.maps import MapView, category_map, map_communes
from webapp.reference.models import Commune
from webapp.reference.referential import engine_referential
from webapp.shortlists.live import RankedList


def reach_by_commune(profile: Profile) -> dict[str, list[tuple[str, int]]]:
    """For each commune drawn within the person's travel time: [(mode, minutes)], fastest first."""
    referential = engine_referential()
    origin = referential.commune_index.get(profile.commune_insee)
    modes = [(index, mode) for index, mode in enumerate(MODES) if mode in (profile.mobility_modes or [])]
    reach: dict[str, list[tuple[str, int]]] = {}
    if origin is None:
        return reach
    for insee in map_communes():
        destination = referential.commune_index.get(insee)
        if destination is None:
            continue
        trips = [(mode, round(float(referential.minutes_to[index, destination, origin])))
                 for index, mode in modes]
        trips = sorted((trip for trip in trips if trip[1] <= profile.max_minutes), key=lambda t: t[1])
        if trips:
            reach[insee] = trips
    return reach


def reach_map(profile: Profile, offers: RankedList) -> MapView:
    """The map and its table: one row per commune within reach, the nearest first."""
    reach = reach_by_commune(profile)
    offer_ids = [card.record_id for card in offers.cards]
    counts: dict[str, int] = {}
    for insee in db.session.scalars(select(Offer.commune_insee).where(Offer.id.in_(offer_ids))):
        counts[insee] = counts.get(insee, 0) + 1
    communes = db.session.execute(select(Commune.insee, Commune.name, Commune.lat, Commune.lon)
                                  .where(Commune.insee.in_(sorted(map_communes())))).all()
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
