"""Properties the ranking must always have, on random offers and profiles."""

from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matching.exchange import SCHEDULE_FLAGS
from matching.pools import effective_modes
from tests.matching.reference_scorer import ReferenceScorer
from tests.matching.strategies import CODES, communes, offers, populations, profiles

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def verdicts(engine, offer, people, **options):
    """{profile id: score or None when excluded} for the candidates of one offer."""
    result = engine.rank_profiles(offer, engine.profile_pool(people), top=len(people),
                                  explain=True, **options)
    found = {m.profile_id: m.score for m in result.matches}
    found.update({e.profile_id: None for e in result.excluded})
    return found


def best_trip(ref, profile, commune):
    km, minutes = ref.trip(profile.commune, commune)
    return km, min((minutes[m] for m in effective_modes(profile)), default=float("inf"))


def vague_trip(engine, offer, person) -> bool:
    """« Trajet à vérifier »: one large commune, a finer place unknown (never excluded on
    travel, a neutral reach), as the plain reference scorer reads it."""
    scorer = ReferenceScorer(engine.referential, engine.weights, engine.thresholds, engine.today)
    minutes, _, _ = scorer.trip(offer, person)
    return scorer.to_check(offer, person, minutes)


def standing(score):
    """Orders verdicts: any score is above an exclusion (None)."""
    return -1.0 if score is None else score


@SETTINGS
@given(offer=offers(), person=profiles(), here=communes, there=communes,
       code=st.sampled_from(CODES))
def test_a_nearer_profile_never_scores_lower(engine, offer, person, here, there, code):
    # Both profiles target the offer's code, so both are candidates: each example compares two
    # verdicts (an exclusion counting below any score) instead of possibly none.
    offer = replace(offer, rome_code=code)
    person = replace(person, target_rome_codes=(
        *[c for c in person.target_rome_codes if c != code][:3], code))
    near, far = replace(person, id="P-near", commune=here), replace(person, id="P-far",
                                                                    commune=there)
    near_km, near_minutes = best_trip(engine.referential, near, offer.commune)
    far_km, far_minutes = best_trip(engine.referential, far, offer.commune)
    assume(near_km <= far_km and near_minutes <= far_minutes)
    # a trip « à vérifier » has a neutral reach whatever its estimate: nearness says nothing
    assume(not vague_trip(engine, offer, near) and not vague_trip(engine, offer, far))
    found = verdicts(engine, offer, [near, far])
    assert set(found) == {"P-near", "P-far"}
    assert standing(found["P-near"]) >= standing(found["P-far"]), found


@SETTINGS
@given(offer=offers(), person=profiles(), data=st.data())
def test_an_exact_code_never_scores_below_a_same_domaine_one(engine, offer, person, data):
    ref = engine.referential
    code = data.draw(st.sampled_from(CODES))
    siblings = [c for c in ref.rome_codes if c[:3] == code[:3] and c != code]
    assume(siblings)
    sibling = data.draw(st.sampled_from(siblings))
    others = [c for c in person.target_rome_codes[:3] if c not in (code, sibling)]
    offer = replace(offer, rome_code=code)
    exact = replace(person, id="P-exact", target_rome_codes=(*others, code))
    near = replace(person, id="P-near", target_rome_codes=(*others, sibling))
    found = verdicts(engine, offer, [exact, near])
    assert "P-exact" in found
    if found.get("P-near") is not None:
        assert found["P-exact"] is not None and found["P-exact"] >= found["P-near"]


def broken_hard_constraints(engine, offer, person, for_employer) -> list[str]:
    """The hard constraints `person` breaks for `offer`, as the test reads them (a trip « à
    vérifier » breaks no travel constraint)."""
    scorer = ReferenceScorer(engine.referential, engine.weights, engine.thresholds, engine.today)
    minutes, _, km = scorer.trip(offer, person)
    vague = scorer.to_check(offer, person, minutes)
    broken = {
        "licence": offer.requires_driving_licence and not person.driving_licence,
        "vehicle": offer.requires_vehicle and not person.vehicle,
        "travel time": minutes > (person.mobility.max_minutes or 45) and not vague,
        "distance": km > (person.mobility.max_km or float("inf")) and not vague,
        "consent": for_employer and not person.consent_promotion,
    }
    broken.update({flag: getattr(offer.schedule, flag) and not getattr(person.availability, flag)
                   for flag in SCHEDULE_FLAGS})
    return sorted(name for name, is_broken in broken.items() if is_broken)


@SETTINGS
@given(population=populations(max_offers=4, max_profiles=10), for_employer=st.booleans())
def test_nobody_breaking_a_hard_constraint_is_matched(engine, population, for_employer):
    offers_, people = population
    results = engine.rank_all(offers_, engine.profile_pool(people), top=len(people),
                              for_employer=for_employer)
    # Every (offer, profile) pair is checked, matched or not: none is both matched and breaking.
    matched_breakers = {
        (offer.id, person.id): broken
        for offer, result in zip(sorted(offers_, key=lambda o: o.id), results, strict=True)
        for person in people
        if (broken := broken_hard_constraints(engine, offer, person, for_employer))
        and person.id in {m.profile_id for m in result.matches}
    }
    assert matched_breakers == {}


@SETTINGS
@given(population=populations(max_offers=4, max_profiles=10), seed=st.randoms())
def test_the_output_is_identical_from_one_run_to_the_next(engine, population, seed):
    offers_, people = population
    first = [r.to_dict(explain=True) for r in engine.rank_all(
        offers_, engine.profile_pool(people), top=5, explain=True)]
    seed.shuffle(offers_)
    seed.shuffle(people)
    again = [r.to_dict(explain=True) for r in engine.rank_all(
        offers_, engine.profile_pool(people), top=5, explain=True)]
    assert first == again
    for result in first:
        ranked = [(-m["score"], m["profile_id"]) for m in result["matches"]]
        assert ranked == sorted(ranked)
