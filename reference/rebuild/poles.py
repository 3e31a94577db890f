"""Build poles.csv and pole_communes.csv: every commune of the 13 in exactly one pôle."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

from reference.rebuild.poles_data import (
    ATTACHED_TO_NEAREST_ARRONDISSEMENT,
    MARSEILLE,
    PAYS_D_ARLES_EPCI,
    POLES,
    TERRITORIES,
)
from reference.records import Commune

POLES_HEADER = ("code", "name", "territory")
POLE_COMMUNES_HEADER = ("insee", "pole_code")
DEPARTEMENT = "13"


def build_pole_rows() -> list[list[str]]:
    """The ten pôles in their numbering order (I to X)."""
    return [list(pole) for pole in POLES]


def listed_poles() -> dict[str, str]:
    """Pôle of each commune named in the territory lists; a commune listed twice is an error."""
    known = {code for code, _, _ in POLES}
    poles: dict[str, str] = {}
    for pole, territory, members in TERRITORIES:
        if pole not in known:
            raise ValueError(f"territory {territory} names unknown pôle {pole}")
        for insee in members:
            if insee in poles:
                raise ValueError(f"{insee} listed in pôles {poles[insee]} and {pole}")
            poles[insee] = pole
    return poles


def _distance_km(a: Commune, b: Commune) -> float:
    """Great-circle distance between two centroids (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def assign_poles(communes: Iterable[Commune]) -> dict[str, tuple[str, str | None]]:
    """Pôle of every unit of the 13 but Marseille as a whole: (pôle, nearest listed INSEE or None)."""
    units = sorted(
        (c for c in communes if c.departement == DEPARTEMENT and c.insee != MARSEILLE),
        key=lambda c: c.insee,
    )
    listed = listed_poles()
    by_insee = {unit.insee: unit for unit in units}
    unknown = sorted(set(listed) - set(by_insee))
    if unknown:
        raise ValueError(f"territory lists name codes absent from communes.csv: {unknown}")
    anchors = [by_insee[insee] for insee in sorted(listed)]
    arrondissements = [unit for unit in anchors if unit.parent_insee == MARSEILLE]
    result: dict[str, tuple[str, str | None]] = {}
    for unit in units:
        if unit.insee in listed:
            result[unit.insee] = (listed[unit.insee], None)
            continue
        candidates = (
            arrondissements if unit.insee in ATTACHED_TO_NEAREST_ARRONDISSEMENT else anchors
        )
        nearest = min(candidates, key=lambda anchor: (_distance_km(unit, anchor), anchor.insee))
        result[unit.insee] = (listed[nearest.insee], nearest.insee)
    return result


def build_pole_commune_rows(communes: Iterable[Commune]) -> list[list[str]]:
    """(INSEE, pôle) for every commune and Marseille arrondissement of the 13, by INSEE code."""
    return [[insee, pole] for insee, (pole, _) in sorted(assign_poles(communes).items())]


def check_pays_d_arles(epci_json: bytes) -> None:
    """Fail if the hand list of pôle VII differs from the Pays d'Arles EPCI members."""
    members = {
        member["code"]
        for epci in json.loads(epci_json)
        if epci["code"] in PAYS_D_ARLES_EPCI
        for member in epci["membres"]
        if member["code"].startswith(DEPARTEMENT)
    }
    listed = {insee for pole, _, codes in TERRITORIES if pole == "VII" for insee in codes}
    if members != listed or len(members) != 29:
        raise ValueError(
            f"Pays d'Arles list differs from EPCI members: extra {sorted(listed - members)}, "
            f"missing {sorted(members - listed)}"
        )
