"""What the engine returns: matches with their reasons, exclusions, per-offer summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matching.gc_pause import collector_paused
from matching.reasons import exclusion_summary

# The JSON forms of Components and Travel records already written, by record id.
Shared = dict[int, dict[str, Any]]


@dataclass(frozen=True)
class Components:
    """The four soft components of a score, each in [0, 1]."""

    job: float
    reach: float
    hours: float
    availability: float

    def to_dict(self) -> dict[str, float]:
        """Rounded to 3 decimals for display and JSON."""
        return {"job": round(self.job, 3), "reach": round(self.reach, 3),
                "hours": round(self.hours, 3), "availability": round(self.availability, 3)}


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


@dataclass(frozen=True)
class Match:
    """A pair that passes every hard constraint, with its 0-100 score and French reasons."""

    offer_id: str
    profile_id: str
    score: float
    components: Components
    travel: Travel
    reasons: tuple[str, ...]

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

    @property
    def rome_to_confirm(self) -> bool:
        """True when the offer has no code and none could be inferred clearly."""
        return self.rome_code is None

    def exclusion_summary(self) -> str:
        """E.g. "12 écartés : 7 trop loin, 3 sans permis B, 2 horaires de nuit"."""
        return exclusion_summary(self.excluded_count, self.excluded_by_category)

    def to_dict(self, explain: bool = False, shared: Shared | None = None) -> dict[str, Any]:
        """The exchange-format result of `matching rank --direction offers` (see to_dicts
        for `shared`)."""
        out: dict[str, Any] = {
            "offer_id": self.offer_id, "rome_code": self.rome_code,
            "rome_inferred": self.rome_inferred,
            "matches": _match_dicts(self.matches, "profile_id", shared)}
        if self.rome_to_confirm:
            out["rome_to_confirm"] = True
            out["rome_suggestions"] = [s.to_dict() for s in self.rome_suggestions]
        if explain:
            out["excluded"] = [e.to_dict("profile_id") for e in self.excluded]
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

    def exclusion_summary(self) -> str:
        """E.g. "4 écartées : 3 trop loin, 1 horaires de nuit" (offers this time)."""
        return exclusion_summary(self.excluded_count, self.excluded_by_category,
                                 feminine=True)

    def to_dict(self, explain: bool = False, shared: Shared | None = None) -> dict[str, Any]:
        """The exchange-format result of `matching rank --direction profiles` (see to_dicts
        for `shared`)."""
        out: dict[str, Any] = {"profile_id": self.profile_id,
                               "matches": _match_dicts(self.matches, "offer_id", shared)}
        if explain:
            out["excluded"] = [e.to_dict("offer_id") for e in self.excluded]
        return out


def to_dicts(results: Sequence[OfferResult | ProfileResult],
             explain: bool = False) -> list[dict[str, Any]]:
    """[r.to_dict(explain) for r in results], each Components and Travel record (shared by
    the matches whose values are equal) turned into JSON once: the nested objects are then
    shared too, a document to write, not to edit."""
    shared: Shared = {}
    with collector_paused():
        return [r.to_dict(explain, shared) for r in results]


def _match_dicts(matches: Sequence[Match], counterpart: str,
                 shared: Shared | None) -> list[dict[str, Any]]:
    if shared is None:
        return [m.to_dict(counterpart) for m in matches]
    out = []
    for m in matches:
        components, travel = m.components, m.travel
        components_dict = shared.get(id(components))
        if components_dict is None:
            components_dict = shared[id(components)] = components.to_dict()
        travel_dict = shared.get(id(travel))
        if travel_dict is None:
            travel_dict = shared[id(travel)] = travel.to_dict()
        out.append({counterpart: getattr(m, counterpart), "score": m.score,
                    "components": components_dict, "travel": travel_dict,
                    "reasons": list(m.reasons)})
    return out
