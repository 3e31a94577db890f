"""Seeded draws shared by the demo planners: always a random.Random, never the global one."""

import random
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import TypeVar

K = TypeVar("K")


def allocate(total: int, shares: Mapping[K, float]) -> dict[K, int]:
    """Split a total in proportion to shares, exactly (largest remainder, ties in key order)."""
    weight = sum(shares.values())
    exact = {key: total * share / weight for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: counts[key] - exact[key])
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    return counts


def quota(rng: random.Random, total: int, shares: Mapping[K, float]) -> list[K]:
    """A shuffled list of `total` keys holding each key exactly in proportion to its share."""
    keys = [key for key, count in allocate(total, shares).items() for _ in range(count)]
    rng.shuffle(keys)
    return keys


def pick(rng: random.Random, weights: Mapping[K, float]) -> K:
    """One key drawn with probability proportional to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def pick_weighted(rng: random.Random, items: Sequence[K], weights: Sequence[float]) -> K:
    return rng.choices(items, weights=weights)[0]


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def moment(day: date, rng: random.Random, first_hour: int = 8, last_hour: int = 18) -> datetime:
    """A time of the working day on that date, in UTC."""
    return datetime.combine(
        day, time(rng.randint(first_hour, last_hour), rng.randrange(0, 60, 5)), tzinfo=UTC
    )
