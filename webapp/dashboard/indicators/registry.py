"""The indicators, one small query function each, registered by family.

A family module registers its functions when it is imported; a source the platform does not
have (no model, no table) simply has no module, so its indicators are absent, never stubbed.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import true

from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.results import Result

# Sections of the dashboard, in page order: (family key, French title).
FAMILIES: dict[str, str] = {
    "offers": "Offres d'emploi",
    "needs": "Besoins des employeurs",
    "people": "Personnes accompagnées",
    "funnel": "Promotion des profils",
    "employment": "Retour à l'emploi",
    "caseload": "Accompagnement",
    "immersions": "Immersions (PMSMP)",
    "prospection": "Prospection des entreprises",
    "events": "Événements emploi",
    "obstacles": "Obstacles à l'emploi",
}
FAMILY_MODULES = ("offers", "offer_outcomes", "needs", "people", "funnel", "employment", "in_work", "caseload",
                  "retained", "immersions", "prospection", "events", "obstacles", "territory_map")


@dataclass(frozen=True)
class Context:
    """What every indicator is computed for: a territory (None: the département), an
    organisation (None: all), a period and the moment of the computation."""

    period: Period
    now: datetime
    pole_id: int | None = None
    organisation_id: int | None = None
    stale_weeks: int = 8  # a profile untouched this long is flagged (STALE_PROFILE_WEEKS)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def previous_label(self) -> str:
        return "la période précédente"

    def in_territory(self, pole_column):
        """SQL: the row belongs to the territory (always true for the département)."""
        return true() if self.pole_id is None else pole_column == self.pole_id

    def memo(self, key: str, compute: Callable):
        """A value shared by several indicators of the same page, computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


@dataclass(frozen=True)
class Indicator:
    key: str
    family: str
    title: str
    order: int
    compute: Callable[[Context], Result]
    lazy: bool = False  # heavy: computed in a fragment loaded after the page


REGISTRY: dict[str, Indicator] = {}


def indicator(key: str, family: str, title: str, order: int, lazy: bool = False):
    """Register the decorated function as the indicator `key`."""

    def register(compute: Callable[[Context], Result]) -> Callable[[Context], Result]:
        REGISTRY[key] = Indicator(key, family, title, order, compute, lazy)
        return compute

    return register


def load_families() -> None:
    """Import every family module present (each registers its indicators)."""
    for name in FAMILY_MODULES:
        try:
            importlib.import_module(f"webapp.dashboard.indicators.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"webapp.dashboard.indicators.{name}":
                raise


def indicators(lazy: bool | None = None) -> list[Indicator]:
    """The registered indicators in page order (only the lazy or eager ones when asked)."""
    load_families()
    ordered = sorted(REGISTRY.values(), key=lambda i: (list(FAMILIES).index(i.family), i.order))
    return [i for i in ordered if lazy is None or i.lazy == lazy]
