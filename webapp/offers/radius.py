"""A radius search: the communes within so many km of a centre, and how a list of them is
bound in SQL."""

import math

from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from webapp.extensions import db
from webapp.reference.models import Commune

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.2


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance between two points on the Earth, in km (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def communes_within(insee: str, radius_km: float) -> dict[str, float]:
    """Communes whose centroid lies within `radius_km` of this one's: {insee: km}."""
    centre = db.session.get(Commune, insee)
    return communes_around(centre, radius_km) if centre is not None else {}


def communes_around(centre: Commune, radius_km: float) -> dict[str, float]:
    """Communes whose centroid lies within `radius_km` of the centre's: {insee: km}.

    A bounding box in SQL picks the candidates (portable: plain comparisons on lat/lon), the
    exact great-circle distance is then computed on those few hundred rows."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlon = radius_km / (KM_PER_DEGREE_LATITUDE * max(0.01, math.cos(math.radians(centre.lat))))
    candidates = db.session.execute(select(Commune.insee, Commune.lat, Commune.lon).where(
        Commune.lat.between(centre.lat - dlat, centre.lat + dlat),
        Commune.lon.between(centre.lon - dlon, centre.lon + dlon),
    ))
    found = {code: great_circle_km(centre.lat, centre.lon, lat, lon) for code, lat, lon in candidates}
    return {code: km for code, km in found.items() if km <= radius_km}


def among(column, values: list[str]):
    """`column IN values`; on PostgreSQL `column = ANY(:array)`, one parameter whatever the
    number of values (a radius of 20 km around Marseille holds some fifty communes, the map
    over a hundred: an expanded IN list costs more to build and bind than to run)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(String)))
    return column.in_(list(values))
