"""What the engine returns: matches with their reasons, exclusions, per-offer summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from matching.reasons import exclusion_summary

COMPONENT_DECIMALS = 3  # the components as shown and written


class Components(NamedTuple):
    """The four soft components of a score, each in [0, 1] (a named tuple, as Match)."""

    job: float
    reach: float
    hours: float
    availability: float

    def to_dict(self) -> dict[str, float]:
        """Rounded to 3 decimals for display and JSON."""
        return {"job": round(self.job, COMPONENT_DECIMALS),
                "reach": round(self.reach, COMPONENT_DECIMALS),
                "hours": round(self.hours, COMPONENT_DECIMALS),
                "availability": round(self.availability, COMPONENT_DECIMALS)}


@dataclass(frozen=True)
class Travel:
    """The best estimated trip: route km, door-to-door minutes, mode (exchange-format name);
    `to_check` when the estimate cannot be trusted (same large commune, place unknown)."""

    km: float
    minutes: int
    mode: str
    to_check: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form (`to_check` only when set)."""
        out: dict[str, Any] = {"km": self.km, "minutes": self.minutes, "mode": self.mode}
        if self.to_check:
            out["to_check"] = True
        return out


class Match(NamedTuple):
    """A pair that passes every hard constraint, with its 0-100 score and French reasons.

    A named tuple rather than a frozen dataclass: a ranking builds hundreds of thousands of
    them (20,000 people x 20 offers), and a tuple is built in C (match_records.py).
    `members_json`: its JSON after the ranked side's id, when written with it in a batch
    (matching/match_json.py)."""

    offer_id: str
    profile_id: str
    score: float
    components: Components
    travel: Travel
    reasons: tuple[str, ...]
    members_json: bytes | None = None

    def to_dict(self, counterpart: str) -> dict[str, Any]:
        """JSON form; `counterpart` is "profile_id" or "offer_id", the side being ranked."""
        return {counterpart: getattr(self, counterpart), "score": self.score,
                "components": self.components.to_dict(), "travel": self.travel.to_dict(),
                "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Exclusion:
    """A pair removed by hard constraints: the categories broken and why, in French."""

    offer_id: str
    profile_id: str
    categories: tuple[str, ...]
    reasons: tuple[str, ...]

    def to_dict(self, counterpart: str) -> dict[str, Any]:
        """JSON form, like Match.to_dict."""
        return {counterpart: getattr(self, counterpart), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class OfferResult:
    """The profiles ranked for one offer.

    `excluded_by_category` counts each excluded person once, under the first category they
    break (in scoring.CATEGORIES order); `excluded` lists them only when explain was asked.
    """

    offer_id: str
    rome_code: str | None
    rome_inferred: bool
    matches: tuple[Match, ...]
    candidates: int
    excluded_count: int
    excluded_by_category: tuple[tuple[str, int], ...]
    excluded: tuple[Exclusion, ...] = ()
    rome_suggestions: tuple[Any, ...] = ()  # suggest.Suggestion, when the code is to confirm
    counterpart: ClassVar[str] = "profile_id"  # the side ranked

    @property
    def rome_to_confirm(self) -> bool:
        """True when the offer has no code and none could be inferred clearly."""
        return self.rome_code is None

    def exclusion_summary(self) -> str:
        """E.g. "12 écartés : 7 trop loin, 3 sans permis B, 2 horaires de nuit"."""
        return exclusion_summary(self.excluded_count, self.excluded_by_category)

    def to_dict(self, explain: bool = False, matches: Any = None) -> dict[str, Any]:
        """The exchange-format result of `matching rank --direction offers`; `matches`, the
        matches' form when the caller wrote them (match_json.results_json)."""
        out: dict[str, Any] = {
            "offer_id": self.offer_id, "rome_code": self.rome_code,
            "rome_inferred": self.rome_inferred,
            "matches": _matches(self.matches, self.counterpart) if matches is None else matches}
        if self.rome_to_confirm:
            out["rome_to_confirm"] = True
            out["rome_suggestions"] = [s.to_dict() for s in self.rome_suggestions]
        if explain:
            out["excluded"] = [e.to_dict(self.counterpart) for e in self.excluded]
        return out


@dataclass(frozen=True)
class ProfileResult:
    """The offers ranked for one profile (same conventions as OfferResult)."""

    profile_id: str
    matches: tuple[Match, ...]
    candidates: int
    excluded_count: int
    excluded_by_category: tuple[tuple[str, int], ...]
    excluded: tuple[Exclusion, ...] = ()
    counterpart: ClassVar[str] = "offer_id"

    def exclusion_summary(self) -> str:
        """E.g. "4 écartées : 3 trop loin, 1 horaires de nuit" (offers this time)."""
        return exclusion_summary(self.excluded_count, self.excluded_by_category,
                                 feminine=True)

    def to_dict(self, explain: bool = False, matches: Any = None) -> dict[str, Any]:
        """The exchange-format result of `matching rank --direction profiles` (as
        OfferResult.to_dict)."""
        out: dict[str, Any] = {
            "profile_id": self.profile_id,
            "matches": _matches(self.matches, self.counterpart) if matches is None else matches}
        if explain:
            out["excluded"] = [e.to_dict(self.counterpart) for e in self.excluded]
        return out


def _matches(matches: Sequence[Match], counterpart: str) -> list[dict[str, Any]]:
    return [m.to_dict(counterpart) for m in matches]
