"""The fast engine gives the scalar reference's verdict and score on every pair.

The offer direction is checked with explain=True (every candidate evaluated), then the
default path, which only counts the candidates out of reach, must give the same ranking and
the same counts.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.conftest import TODAY
from tests.matching.reference_scorer import ReferenceScorer
from tests.matching.strategies import populations

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def check(reference, offer, profile, matches, excluded, for_employer):
    verdict = reference.score(offer, profile, for_employer)
    key = (offer.id, profile.id)
    if verdict is None:
        assert key not in matches and key not in excluded
    elif verdict.excluded:
        assert key not in matches
        assert set(excluded[key]) == verdict.excluded
    else:
        match = matches[key]
        assert match.score == verdict.score
        assert (match.components.job, match.components.reach, match.components.hours,
                match.components.availability) == verdict.components
        assert match.travel.mode == verdict.mode
        assert match.travel.to_check == reference.to_check(offer, profile, verdict.minutes)


@SETTINGS
@given(population=populations(), for_employer=st.booleans())
def test_offer_direction_equals_the_reference(engine, population, for_employer):
    offers, profiles = population
    reference = ReferenceScorer(engine.referential, engine.weights, engine.thresholds, TODAY)
    results = engine.rank_all(offers, engine.profile_pool(profiles), top=len(profiles),
                              explain=True, for_employer=for_employer)
    matches = {(m.offer_id, m.profile_id): m for r in results for m in r.matches}
    excluded = {(e.offer_id, e.profile_id): e.categories for r in results for e in r.excluded}
    for offer in offers:
        for profile in profiles:
            check(reference, offer, profile, matches, excluded, for_employer)
    quick = engine.rank_all(offers, engine.profile_pool(profiles), top=len(profiles),
                            for_employer=for_employer)
    assert [(r.matches, r.candidates, r.excluded_count, r.excluded_by_category)
            for r in quick] == [(r.matches, r.candidates, r.excluded_count,
                                 r.excluded_by_category) for r in results]


@SETTINGS
@given(population=populations(max_offers=6, max_profiles=3), for_employer=st.booleans())
def test_profile_direction_equals_the_reference(engine, population, for_employer):
    offers, profiles = population
    reference = ReferenceScorer(engine.referential, engine.weights, engine.thresholds, TODAY)
    offer_pool = engine.offer_pool(offers)
    results = [engine.rank_offers(p, offer_pool, top=len(offers), explain=True,
                                  for_employer=for_employer) for p in profiles]
    matches = {(m.offer_id, m.profile_id): m for r in results for m in r.matches}
    excluded = {(e.offer_id, e.profile_id): e.categories for r in results for e in r.excluded}
    for offer in offers:
        for profile in profiles:
            check(reference, offer, profile, matches, excluded, for_employer)
