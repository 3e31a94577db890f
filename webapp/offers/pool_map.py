"""The offer pool's map (issue 17, "Maps"): the offers passing the filters, counted by
commune on the map of the département, with the search radius when a commune is chosen."""

from webapp.core.formatting import number_fr
from webapp.offers.pool import PoolPage
from webapp.reference.maps import Circle, Figure, MapView, commune_map, map_communes
from webapp.reference.referential import engine_referential


def pool_map(result: PoolPage) -> MapView:
    """The map and its table of a pool page's whole filtered list: one row per commune
    holding offers, the most first."""
    counts, centre, radius_km = result.by_commune, result.centre, result.filters.radius_km
    drawn = map_communes()
    # the shipped referential's names, which the commune table is loaded from: no query
    names = engine_referential().commune_names
    circle = None
    if centre is not None:
        circle = Circle(centre.lat, centre.lon, radius_km, f"{centre.name} · {number_fr(radius_km)} km")
    total = sum(counts.values())
    outside = sum(n for insee, n in counts.items() if insee not in drawn)
    description = (f"{number_fr(total)} offres correspondant aux filtres, réparties sur "
                   f"{number_fr(len(counts))} communes" + (f", dont {number_fr(outside)} hors "
                   "du dessin (Marseille sans arrondissement ou hors département)" if outside else "")
                   + (f" ; cercle : {circle.label} autour de la commune choisie" if circle else "") + ".")
    svg = commune_map("carte-offres", "Offres du vivier par commune", description,
                      {insee: Figure(n, number_fr(n)) for insee, n in counts.items()},
                      names, "Nombre d'offres par commune", circle)
    rows = tuple((names.get(insee, insee), number_fr(n))
                 for insee, n in sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], ""))))
    return MapView(svg, "Offres correspondant aux filtres, par commune", ("Commune", "Offres"), rows)
