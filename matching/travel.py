"""Door-to-door travel estimates between communes, per mode, behind a replaceable interface.

The heuristic model below turns the great-circle distance between commune centroids into
minutes with a detour factor, a fixed time (walk to the stop and wait, or fetch and park
the vehicle) and speeds per mode. A GTFS-based model can replace it by returning a
TravelTable of the same shape: nothing else in the engine reads these constants.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from matching.exchange import MODES

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# Roads are longer than the straight line: circuity measured on European road networks is
# 1.2-1.4 (Ballou et al. 2002); the coastline, the Étang de Berre and the hills of the
# département push it to the upper half.
DETOUR_FACTOR = 1.3

# Within one commune the trip is not zero, but it is not the average over the whole commune
# either: people and jobs gather in the built-up part, not across Arles's 758 km² of Camargue.
# The straight-line distance is half the radius of a disc of the commune's area, at least
# INTRA_COMMUNE_MIN_KM (a dense arrondissement still costs a short walk) and at most
# INTRA_COMMUNE_MAX_KM, a town-centre value: two random points of a disc of radius r are
# 0.905 r apart on average, and the agglomerated towns of the département (Arles, Salon,
# Istres, Martigues centres) cover about 6-10 km², r ≈ 1.4-1.8 km, so 1.5 km (about 2 km of
# road, 26 min on foot). Within Marseille each arrondissement is its own commune.
INTRA_COMMUNE_RADIUS_SHARE = 0.5
INTRA_COMMUNE_MIN_KM = 0.5
INTRA_COMMUNE_MAX_KM = 1.5
# Where the cap applies (a commune of more than 9π ≈ 28 km²: two random points of it are
# more than 2.7 km apart on average), the town-centre value is an assumption, not the
# commune's geometry: a trip inside it whose finer place is unknown at one end is « à
# vérifier » (see VagueTrips), never excluded on that estimate.

# Density classes, from the best to the worst served by public transport.
DENSE, SUBURBAN, BUSINESS_PARK, RURAL = 0, 1, 2, 3
DENSITY_CLASS_NAMES = ("dense", "suburban", "business_park", "rural")
# Dense: Marseille's arrondissements, communes above 3,000 inhabitants/km² (INSEE's "dense"
# grid cells start at 1,500 over whole clusters), and cities over 100,000 inhabitants whose
# commune is large but whose centre is the hub of a network (Aix-en-Provence).
DENSE_MIN_DENSITY = 3000.0
DENSE_MIN_POPULATION = 100_000
# Suburban: above 300 inhabitants/km² (INSEE's "intermediate density" threshold), or towns
# over 20,000 inhabitants that run their own bus network (Arles, Istres, Salon, Martigues).
SUBURBAN_MIN_DENSITY = 300.0
SUBURBAN_MIN_POPULATION = 20_000
# Business parks that the pôles name as badly served (brief, pôles VIII and IX): Fos's
# port-industrial zone, Vitrolles (Les Estroublans, the airport), Marignane (Airbus
# Helicopters), Gémenos (Les Paluds), Rousset's industrial park, Saint-Martin-de-Crau's
# logistics platforms, Port-Saint-Louis-du-Rhône's port. A trip is as good as its worse end.
BUSINESS_PARK_COMMUNES = frozenset(
    {"13039", "13117", "13054", "13042", "13087", "13097", "13078"})

# Public transport by density class (dense, suburban, business park, rural):
# fixed minutes = walk to the stop + average wait (half the headway: metro/tram every 5-10
# min in Marseille; buses every 20-30 min in towns; shift shuttles in business parks; a few
# coaches a day in villages) + the walk at the other end;
PT_FIXED_MINUTES = (10.0, 20.0, 35.0, 45.0)
# urban speed in km/h over the first PT_URBAN_KM (stops every 300-500 m; metro faster) ...
PT_URBAN_SPEED_KMH = (18.0, 20.0, 18.0, 22.0)
PT_URBAN_KM = 6.0
# ... then the interurban leg by TER or express coach (Marseille-Aix in 35-40 min).
PT_INTERURBAN_SPEED_KMH = 50.0

# Road modes: (fixed minutes, urban speed km/h, interurban speed km/h). The urban speed
# applies to the first ROAD_URBAN_KM (traffic lights, congestion), then the interurban one.
ROAD_URBAN_KM = 6.0
CAR = (5.0, 25.0, 70.0)  # 5 min to reach the car and park it
CARPOOL = (15.0, 25.0, 70.0)  # plus 10 min to meet at the pick-up point, fixed departure
TWO_WHEELER = (3.0, 25.0, 60.0)  # mopeds and scooters filter through traffic, slower on roads
# Active modes: (fixed minutes, speed km/h) at any distance.
WALK = (0.0, 4.5)  # a steady adult walking pace
BIKE = (2.0, 15.0)  # city cycling including stops; 2 min to lock the bike


@dataclass(frozen=True)
class TravelTable:
    """Travel estimates between communes, indexed like the referential's communes.

    `km[o, d]` is the route distance; `minutes[m, o, d]` the door-to-door minutes from
    origin o to destination d with mode MODES[m] (inf when the mode cannot do the trip).
    """

    km: np.ndarray
    minutes: np.ndarray


class TravelTimeModel(Protocol):
    """Anything that can fill a TravelTable for an ordered list of INSEE codes."""

    def table(self, insee_codes: Sequence[str]) -> TravelTable:
        """Estimates between every pair of the given communes."""
        ...


class CommuneGeometry(Protocol):
    """What the heuristic model needs to know of a commune."""

    insee: str
    kind: str
    population: int
    area_km2: float
    lat: float
    lon: float


def density_class(commune: CommuneGeometry) -> int:
    """DENSE, SUBURBAN, BUSINESS_PARK or RURAL, for public transport."""
    density = commune.population / commune.area_km2
    if commune.insee in BUSINESS_PARK_COMMUNES:
        return BUSINESS_PARK
    if (commune.kind == "arrondissement" or density >= DENSE_MIN_DENSITY
            or commune.population >= DENSE_MIN_POPULATION):
        return DENSE
    if density >= SUBURBAN_MIN_DENSITY or commune.population >= SUBURBAN_MIN_POPULATION:
        return SUBURBAN
    return RURAL


def is_large_commune(area_km2: float) -> bool:
    """True when the intra-commune estimate is the town-centre cap, not the commune's size."""
    return INTRA_COMMUNE_RADIUS_SHARE * math.sqrt(area_km2 / math.pi) > INTRA_COMMUNE_MAX_KM


@dataclass(frozen=True)
class VagueTrips:
    """Which trips the heuristic cannot estimate: both ends in one large commune, the finer
    place (a village's postal code) of at least one end unknown.

    Indexed by travel-table place: the communes first, then the finer places.
    """

    commune: np.ndarray  # place -> its commune's place index
    finer: np.ndarray  # place -> True for a finer place (a village of Arles)
    large: np.ndarray  # place -> True when its commune is large (is_large_commune)

    @classmethod
    def of(cls, areas_km2: Sequence[float], parents: Sequence[int]) -> VagueTrips:
        """From the communes' areas (place order) and, for each finer place, its commune."""
        commune = np.concatenate([np.arange(len(areas_km2)), np.asarray(parents, dtype=np.int64)])
        large = np.array([is_large_commune(a) for a in areas_km2], dtype=bool)
        finer = np.arange(commune.size) >= len(areas_km2)
        return cls(commune.astype(np.int32), finer, large[commune])

    def to_check(self, origins: np.ndarray | int, destinations: np.ndarray | int) -> np.ndarray:
        """True where the trip from each origin to each destination is « à vérifier »."""
        same = np.take(self.commune, origins) == np.take(self.commune, destinations)
        unknown = ~(np.take(self.finer, origins) & np.take(self.finer, destinations))
        return same & unknown & np.take(self.large, destinations)


def great_circle_km(lat1: np.ndarray, lon1: np.ndarray,
                    lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Haversine distance in km between points given in degrees (broadcasting)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(a, dtype=np.float64))
                              for a in (lat1, lon1, lat2, lon2))
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _two_speed_minutes(km: np.ndarray, urban_km: float, urban_kmh: np.ndarray | float,
                       interurban_kmh: float) -> np.ndarray:
    urban = np.minimum(km, urban_km)
    return 60.0 * (urban / urban_kmh + (km - urban) / interurban_kmh)


class HeuristicTravelModel:
    """Distance x detour, fixed time and speeds per mode; public transport by density."""

    def __init__(self, communes: Sequence[CommuneGeometry]):
        self.communes = {c.insee: c for c in communes}

    def table(self, insee_codes: Sequence[str]) -> TravelTable:
        """Estimates between every pair of the given communes (float32)."""
        places = [self.communes[code] for code in insee_codes]
        lat = np.array([c.lat for c in places])
        lon = np.array([c.lon for c in places])
        crow = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
        radius = np.sqrt(np.array([getattr(c, "place_area_km2", c.area_km2)
                                   for c in places]) / np.pi)
        intra = np.clip(INTRA_COMMUNE_RADIUS_SHARE * radius,
                        INTRA_COMMUNE_MIN_KM, INTRA_COMMUNE_MAX_KM)
        np.fill_diagonal(crow, intra)
        # A place finer than its commune (a village of Arles, by postal code) is its commune's
        # town-centre distance away from that commune taken whole (the finer place of the other
        # end is unknown: the estimate of a same-commune trip stays what it was).
        at = {code: i for i, code in enumerate(insee_codes)}
        for i, place in enumerate(places):
            parent = at.get(getattr(place, "sub_place_of", None) or "")
            if parent is not None:
                crow[i, parent] = crow[parent, i] = intra[parent]
        km = crow * DETOUR_FACTOR
        classes = np.array([density_class(c) for c in places])
        worse = np.maximum(classes[:, None], classes[None, :])
        by_mode = {
            "walk": WALK[0] + 60.0 * km / WALK[1],
            "bike": BIKE[0] + 60.0 * km / BIKE[1],
            "public_transport": np.take(PT_FIXED_MINUTES, worse) + _two_speed_minutes(
                km, PT_URBAN_KM, np.take(PT_URBAN_SPEED_KMH, worse), PT_INTERURBAN_SPEED_KMH),
        }
        for mode, (fixed, urban_kmh, road_kmh) in (
                ("car", CAR), ("carpool", CARPOOL), ("two_wheeler", TWO_WHEELER)):
            by_mode[mode] = fixed + _two_speed_minutes(km, ROAD_URBAN_KM, urban_kmh, road_kmh)
        minutes = np.stack([by_mode[mode] for mode in MODES]).astype(np.float32)
        return TravelTable(km=km.astype(np.float32), minutes=minutes)
