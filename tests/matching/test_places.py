"""Trips inside a large commune: a finer place where one is known, else « trajet à vérifier »."""

import pytest

from matching.exchange import Mobility
from matching.obstacles import obstacles
from matching.travel import is_large_commune
from tests.matching.records import offer, profile

ARLES, MARSEILLE_1ER = "13004", "13201"
TO_CHECK = "Trajet à vérifier : même commune (Arles, 755 km²), lieu précis inconnu"
WALKER = Mobility(("walk",), 30, None)


def arles_walker(**changes):
    return profile(**{"id": "P-walker", "commune": ARLES, "mobility": WALKER, **changes})


def rank(engine, the_offer, profiles, **options):
    return engine.rank_profiles(the_offer, engine.profile_pool(profiles), **options)


def test_the_large_communes_are_those_whose_trip_is_the_town_centre_cap(ref):
    assert is_large_commune(ref.commune_area[ARLES])  # 755 km²
    assert is_large_commune(29.0) and not is_large_commune(28.0)  # 9π ≈ 28.3 km²
    assert not is_large_commune(ref.commune_area[MARSEILLE_1ER])


def test_the_arles_walker_without_postal_codes_is_kept_with_a_trip_to_check(engine):
    result = rank(engine, offer(commune=ARLES), [arles_walker()], explain=True)
    [match] = result.matches
    assert not result.excluded and result.excluded_count == 0
    assert match.travel.to_check and TO_CHECK in match.reasons
    assert not any(r.startswith("Trajet estimé") for r in match.reasons)
    assert match.components.reach == engine.thresholds.reach_unknown == 0.5
    assert match.to_dict("profile_id")["travel"]["to_check"] is True


def test_a_trip_to_check_is_kept_however_short_the_walk_allowed(engine):
    # The town-centre estimate (26 min on foot) would exclude a 10-minute walker: unknown.
    result = rank(engine, offer(commune=ARLES),
                  [arles_walker(mobility=Mobility(("walk",), 10, 0.5))])
    assert [m.travel.to_check for m in result.matches] == [True]


def test_one_end_unknown_is_still_to_check(engine):
    for offer_code, person_code in (("13200", None), (None, "13129"), ("13200", "13123")):
        result = rank(engine, offer(commune=ARLES, postal_code=offer_code),
                      [arles_walker(postal_code=person_code)])
        assert [m.travel.to_check for m in result.matches] == [True], (offer_code, person_code)


def test_known_villages_use_the_real_estimate(engine):
    # Salin-de-Giraud (13129) is about 30 km from the town of Arles (13200): out of reach.
    result = rank(engine, offer(commune=ARLES, postal_code="13200"),
                  [arles_walker(postal_code="13129")], explain=True)
    assert result.matches == () and result.excluded_by_category == (("travel", 1),)
    [reason] = result.excluded[0].reasons
    assert reason.startswith("Trajet estimé : ") and "au-delà du maximum de 30 min" in reason
    assert rank(engine, offer(commune=ARLES, postal_code="13200"),
                [arles_walker(postal_code="13129")]).excluded_by_category == (("travel", 1),)
    # Both in the town: a real (short) estimate, not a trip to check.
    [match] = rank(engine, offer(commune=ARLES, postal_code="13200"),
                   [arles_walker(postal_code="13200")]).matches
    assert not match.travel.to_check and "to_check" not in match.travel.to_dict()
    assert match.reasons[1] == f"Trajet estimé : {match.travel.minutes} min à pied (max. 30)"
    assert match.components.reach > 0.5


def test_a_small_commune_pair_is_judged_as_before(engine):
    [match] = rank(engine, offer(commune=MARSEILLE_1ER),
                   [profile(commune=MARSEILLE_1ER, mobility=WALKER)]).matches
    assert not match.travel.to_check and match.components.reach > 0.5
    assert match.reasons[1].startswith("Trajet estimé : ")
    far = rank(engine, offer(commune=MARSEILLE_1ER),
               [profile(commune=MARSEILLE_1ER, mobility=Mobility(("walk",), 5, None))])
    assert far.matches == () and far.excluded_by_category == (("travel", 1),)


def test_a_trip_to_check_needs_a_usable_mode(engine):
    # Car only, without a licence: no mode at all, whatever the commune.
    carless = arles_walker(mobility=Mobility(("car",), 30, None), driving_licence=False)
    result = rank(engine, offer(commune=ARLES), [carless], explain=True)
    assert result.excluded[0].reasons == ("Aucun mode de déplacement utilisable pour ce trajet",)


def test_other_constraints_still_apply_to_a_trip_to_check(engine):
    result = rank(engine, offer(commune=ARLES, requires_driving_licence=True),
                  [arles_walker()], explain=True)
    assert result.excluded[0].categories == ("licence",)


def test_a_trip_to_check_is_not_a_travel_obstacle(engine):
    found = obstacles(engine, [arles_walker(), arles_walker(id="P-salin", postal_code="13129")],
                      [offer(commune=ARLES), offer(id="O-town", commune=ARLES,
                                                   postal_code="13200")])
    [travel] = [o for o in found if o.category == "travel"]
    assert (travel.people, travel.offers_excluded, travel.pairs) == (1, 1, 1)


@pytest.mark.parametrize("explain", [False, True])
def test_both_directions_agree_on_trips_to_check(engine, explain):
    people = [arles_walker(), arles_walker(id="P-salin", postal_code="13129"),
              arles_walker(id="P-town", postal_code="13200"),
              profile(id="P-marseille", mobility=WALKER)]
    offers = engine.offer_pool([offer(commune=ARLES), offer(id="O-town", commune=ARLES,
                                                           postal_code="13200"),
                                offer(id="O-salin", commune=ARLES, postal_code="13129"),
                                offer(id="O-marseille", commune="13204")])
    by_offer = engine.rank_all(offers, engine.profile_pool(people), explain=explain)
    by_person = [engine.rank_offers(p, offers, explain=explain)
                 for p in sorted(people, key=lambda p: p.id)]
    together = engine.rank_all_profiles(people, offers, explain=explain)
    pairs = {(m.offer_id, m.profile_id): m for r in by_offer for m in r.matches}
    assert pairs == {(m.offer_id, m.profile_id): m for r in by_person for m in r.matches}
    assert [(r.matches, r.excluded_by_category) for r in together] == [
        (r.matches, r.excluded_by_category) for r in by_person]
    assert {key for key, m in pairs.items() if m.travel.to_check} == {
        ("O-1", "P-walker"), ("O-1", "P-salin"), ("O-1", "P-town"),
        ("O-town", "P-walker"), ("O-salin", "P-walker")}
