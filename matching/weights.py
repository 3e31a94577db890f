"""Named default weights and thresholds of the matching score, and the engine version."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from matching.textsim import TEXT_SIMILARITY_FLOOR

ENGINE_VERSION = "passerelle-matching 1.0"

COMPONENTS = ("job", "reach", "hours", "availability")


@dataclass(frozen=True)
class Weights:
    """Relative weight of each soft component; the total is normalised by their sum.

    Job fit leads (a person is proposed for a job they aim at), then reachability (the
    first barrier named by 8 in 10 beneficiaries in the pilots), then hours (the renovated
    accompaniment builds up towards 15-20 h), then the start date (a few weeks late is a
    detail an employer can often wait for).
    """

    job: float = 0.5
    reach: float = 0.25
    hours: float = 0.15
    availability: float = 0.10

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            value = getattr(self, name)
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            if not is_number or not math.isfinite(value) or not 0 <= value <= 100:
                raise ValueError(f"poids « {name} » : un nombre entre 0 et 100 est attendu, "
                                 f"reçu {value!r}")
        if self.total() <= 0:
            raise ValueError("poids : au moins un poids doit être strictement positif")

    def total(self) -> float:
        """Sum of the weights, the divisor of the weighted score."""
        return self.job + self.reach + self.hours + self.availability

    def to_dict(self) -> dict[str, float]:
        """The weights as a JSON-ready mapping."""
        return {name: getattr(self, name) for name in COMPONENTS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        """Weights from a mapping; missing names keep their default, unknown names fail."""
        unknown = sorted(set(data) - set(COMPONENTS))
        if unknown:
            raise ValueError(f"poids inconnus : {', '.join(unknown)} "
                             f"(admis : {', '.join(COMPONENTS)})")
        return cls(**dict(data))


@dataclass(frozen=True)
class Thresholds:
    """Limits of the hard constraints and shapes of the soft components."""

    # Hours: an offer more than this many hours/week above the person's maximum is excluded
    # (a 26 h wish accepts a 30 h offer, not a 35 h one).
    hours_exclusion_margin: float = 5.0
    # Hours fit falls linearly from 1 (within the wish) to 0 at this many hours outside it.
    hours_tolerance: float = 10.0
    # Hours fit when the offer does not state its hours: neither a plus nor a minus.
    hours_unknown: float = 0.5
    # Maximum one-way travel time assumed when the profile gives none (the spec's example).
    default_max_minutes: int = 45
    # Reachability is full up to this door-to-door time (a short trip is as good as none) ...
    reach_free_minutes: float = 10.0
    # ... and falls linearly to this value at the person's maximum.
    reach_at_max: float = 0.2
    # Reachability of a trip « à vérifier » (same large commune, finer place unknown at one
    # end): the estimate can be anything from a few streets to 30 km, so neither a plus nor
    # a minus, like unstated hours.
    reach_unknown: float = 0.5
    # Availability is full up to this many days after the start date ...
    availability_grace_days: int = 7
    # ... and falls linearly to 0 at this many days after it.
    availability_zero_days: int = 90
    # Title similarity below this is noise (shared n-grams such as " de ") and counts 0.
    text_min_similarity: float = 0.35

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"seuil « {item.name} » : nombre positif attendu")
        for name in ("reach_at_max", "reach_unknown"):
            if not getattr(self, name) <= 1:
                raise ValueError(f"seuil {name} : au plus 1")
        if not TEXT_SIMILARITY_FLOOR <= self.text_min_similarity <= 1:
            raise ValueError(f"seuil text_min_similarity : entre {TEXT_SIMILARITY_FLOOR} et 1")
        if self.hours_tolerance <= 0:
            raise ValueError("seuil hours_tolerance : doit être strictement positif")
        if self.availability_zero_days <= self.availability_grace_days:
            raise ValueError("seuil availability_zero_days : doit dépasser le délai de grâce")

    def to_dict(self) -> dict[str, float]:
        """The thresholds as a JSON-ready mapping."""
        return asdict(self)


DEFAULT_WEIGHTS = Weights()
DEFAULT_THRESHOLDS = Thresholds()
