"""The heuristic travel model: distances, density classes, modes, and replaceability."""

import numpy as np
import pytest

from matching.exchange import MODES
from matching.referential import Referential
from matching.travel import (
    BUSINESS_PARK,
    DENSE,
    DETOUR_FACTOR,
    RURAL,
    SUBURBAN,
    TravelTable,
    density_class,
    great_circle_km,
)
from reference import RomeCode, load_communes

MARSEILLE_1ER, MARSEILLE_16E, AIX, ARLES, FOS = "13201", "13216", "13001", "13004", "13039"


def test_great_circle_distance_matches_a_known_value():
    # Marseille (Vieux-Port) to Aix-en-Provence (Rotonde) is about 25.6 km as the crow flies.
    assert great_circle_km(43.2951, 5.3740, 43.5263, 5.4454) == pytest.approx(26.3, abs=0.3)


def test_route_km_is_the_detoured_centroid_distance(ref):
    communes = {c.insee: c for c in load_communes()}
    a, b = communes[MARSEILLE_1ER], communes[AIX]
    km, _ = ref.trip(MARSEILLE_1ER, AIX)
    assert km == pytest.approx(DETOUR_FACTOR * great_circle_km(a.lat, a.lon, b.lat, b.lon),
                               rel=1e-5)


def test_a_trip_within_one_commune_is_short_but_not_zero(ref):
    km, minutes = ref.trip(MARSEILLE_1ER, MARSEILLE_1ER)
    assert 0.5 <= km <= 1.0 and 5 < minutes["walk"] < 15
    km_arles, _ = ref.trip(ARLES, ARLES)
    assert km_arles == pytest.approx(1.5 * DETOUR_FACTOR)  # capped, Arles is 758 km²


def test_a_trip_within_a_huge_commune_is_a_town_centre_trip_not_its_average(ref):
    # Arles covers 758 km²: half its radius would be 7.8 km, 2 h 15 on foot. The town-centre
    # cap keeps a walker's trip within Arles under half an hour.
    km, minutes = ref.trip(ARLES, ARLES)
    assert km < 2.5 and minutes["walk"] < 30 and minutes["bike"] < 15
    # Within a small commune the radius share still applies below the cap.
    small_km, _ = ref.trip(MARSEILLE_1ER, MARSEILLE_1ER)
    assert small_km < km


@pytest.mark.parametrize("insee, expected", [
    (MARSEILLE_1ER, DENSE), (MARSEILLE_16E, DENSE), (AIX, DENSE), (ARLES, SUBURBAN),
    (FOS, BUSINESS_PARK), ("13117", BUSINESS_PARK), ("13042", BUSINESS_PARK),
    ("13061", RURAL),  # Saint-Pierre-de-Mézoargues: 229 inhabitants on 4 km²
])
def test_density_classes(insee, expected):
    commune = next(c for c in load_communes() if c.insee == insee)
    assert density_class(commune) == expected


def test_public_transport_is_slower_to_a_business_park_than_within_the_city(ref):
    dense_km, dense = ref.trip(MARSEILLE_1ER, "13210")
    park_km, park = ref.trip("13117", "13054")  # Vitrolles to Marignane
    assert abs(dense_km - park_km) < 3
    assert park["public_transport"] > dense["public_transport"] + 15


def test_modes_rank_as_expected_over_a_long_trip(ref):
    _, minutes = ref.trip(MARSEILLE_1ER, AIX)
    assert minutes["car"] < minutes["public_transport"] < minutes["bike"] < minutes["walk"]
    assert 40 < minutes["car"] < 60 and 60 < minutes["public_transport"] < 90
    assert minutes["carpool"] > minutes["car"]


def test_the_model_is_replaceable_by_a_travel_time_table():
    class FlatTable:
        """A stand-in for a GTFS table: every trip takes 30 min by every mode, 10 km."""

        def table(self, insee_codes):
            n = len(insee_codes)
            return TravelTable(np.full((n, n), 10.0, dtype=np.float32),
                               np.full((len(MODES), n, n), 30.0, dtype=np.float32))

    communes = [c for c in load_communes() if c.insee in (MARSEILLE_1ER, ARLES)]
    ref = Referential(communes, [RomeCode("K2205", "Agent de propreté de locaux")], [], [],
                      travel_model=FlatTable())
    assert ref.trip(MARSEILLE_1ER, ARLES) == (10.0, {mode: 30.0 for mode in MODES})
