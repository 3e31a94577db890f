"""`python -m matching bench`: the speed figures of the design, on reproducible data."""

from __future__ import annotations

import os
import random
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from matching.engine import Engine
from matching.pairs import offer_pairs
from matching.pools import OfferPool, ProfilePool
from matching.referential import Referential
from matching.synthetic import Synthetic
from matching.weights import ENGINE_VERSION

BENCH_TODAY = date(2026, 11, 22)  # fixed, so that the data and the scores never drift
SINGLE_OFFER_RUNS = 300
REFERENCE_SAMPLE = 2_000
CANDIDATE_OFFERS = 20
SUGGEST_RUNS = 300


def _milliseconds(calls: list[Callable[[], Any]]) -> list[float]:
    timings = []
    for call in calls:
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _reference_rate(engine: Engine, pairs: list[tuple[Any, Any]]) -> float | None:
    """Pairs per second of the scalar reference (tests/matching), caches warmed first."""
    try:
        from tests.matching.reference_scorer import ReferenceScorer
    except ImportError:
        return None
    scorer = ReferenceScorer(engine.referential, engine.weights, engine.thresholds,
                             engine.today)
    for offer, profile in pairs:
        scorer.score(offer, profile)
    started = time.perf_counter()
    for offer, profile in pairs:
        scorer.score(offer, profile)
    return len(pairs) / (time.perf_counter() - started)


def _candidate_pairs(engine: Engine, offers: OfferPool, pool: ProfilePool,
                     sample: random.Random) -> list[tuple[Any, Any]]:
    """Pairs the engine scores (sharing a grand domaine or a title), from a few offers."""
    text, settings = engine.referential.job_text, engine.settings()
    found: list[tuple[Any, Any]] = []
    for i in sample.sample(range(len(offers)), min(CANDIDATE_OFFERS, len(offers))):
        vector = offers.title_vectors[i]
        rows = offer_pairs(settings, offers, i, pool, text.code_similarity(vector)[0],
                           text.pairwise(vector, pool.title_vectors)[0], full=True).rows
        chosen = sample.sample(rows.tolist(), min(rows.size, REFERENCE_SAMPLE // CANDIDATE_OFFERS))
        found += [(offers.offers[i], pool.profiles[row]) for row in chosen]
    return found


def run_bench(n_profiles: int, n_offers: int, top: int, seed: int) -> dict[str, Any]:
    """Build the data, time the engine and the reference, return the figures."""
    from reference import load_synonyms

    started = time.perf_counter()
    ref = Referential.load_default()
    referential_seconds = time.perf_counter() - started
    synthetic = Synthetic(ref, seed, BENCH_TODAY, [s.rome_code for s in load_synonyms()])
    profiles, offers = synthetic.profiles(n_profiles), synthetic.offers(n_offers)
    engine = Engine(ref, today=BENCH_TODAY)

    started = time.perf_counter()
    pool = engine.profile_pool(profiles)
    offer_pool = engine.offer_pool(offers)
    build_seconds = time.perf_counter() - started

    sample = random.Random(seed)
    singles = [sample.choice(offers) for _ in range(SINGLE_OFFER_RUNS)]
    _milliseconds([lambda o=o: engine.rank_profiles(o, pool, top) for o in singles[:20]])
    single = _milliseconds([lambda o=o: engine.rank_profiles(o, pool, top) for o in singles])

    cpu_started, started = time.process_time(), time.perf_counter()
    results = engine.rank_all(offer_pool, pool, top)
    batch_seconds = time.perf_counter() - started
    batch_cpu_seconds = time.process_time() - cpu_started
    pairs = n_profiles * n_offers
    pairs_scored = sum(r.candidates for r in results)

    random_pairs = [(sample.choice(offers), sample.choice(profiles))
                    for _ in range(REFERENCE_SAMPLE)]
    reference_rate = _reference_rate(engine, random_pairs)
    candidate_rate = _reference_rate(engine, _candidate_pairs(engine, offer_pool, pool, sample))
    titles = [sample.choice(offers).title for _ in range(SUGGEST_RUNS)]
    suggest = _milliseconds([lambda t=t: ref.suggester.suggest(t) for t in titles])

    engine_rate = pairs / batch_seconds
    return {
        "engine_version": ENGINE_VERSION, "seed": seed, "top": top,
        "profiles": n_profiles, "offers": n_offers, "pairs": pairs,
        "pairs_scored": pairs_scored,
        "single_offer_ms_median": round(statistics.median(single), 3),
        "single_offer_ms_p90": round(statistics.quantiles(single, n=10)[-1], 3),
        "batch_seconds": round(batch_seconds, 3),
        "batch_cpu_seconds": round(batch_cpu_seconds, 3),
        "pairs_per_second": round(engine_rate),
        "reference_pairs_per_second": round(reference_rate) if reference_rate else None,
        "reference_batch_seconds_extrapolated":
            round(pairs / reference_rate) if reference_rate else None,
        "speedup": round(engine_rate / reference_rate, 1) if reference_rate else None,
        "candidate_pairs_per_second": round(pairs_scored / batch_seconds),
        "reference_candidate_pairs_per_second": round(candidate_rate) if candidate_rate else None,
        "speedup_on_candidates":
            round(pairs_scored / batch_seconds / candidate_rate, 1) if candidate_rate else None,
        "suggest_ms_median": round(statistics.median(suggest), 3),
        "referential_seconds": round(referential_seconds, 3),
        "pool_build_seconds": round(build_seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu_count": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2),
    }
