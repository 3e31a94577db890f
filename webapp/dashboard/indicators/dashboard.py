"""The dashboard of a territory (or the département) for one user: the indicators they may
see, grouped in sections, and one indicator's figures as CSV."""

from dataclasses import dataclass
from datetime import datetime

from webapp.accounts.models import User
from webapp.core.errors import NotAllowed
from webapp.core.tabular_export import Sheet, csv_text, typed_number
from webapp.dashboard.indicators.access import access_for, organisation_label, territory_label
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.privacy import MASK_EXPLANATIONS, MASK_TEXTS
from webapp.dashboard.indicators.registry import (
    FAMILIES,
    REGISTRY,
    Context,
    indicators,
    load_families,
)
from webapp.dashboard.indicators.results import Result


@dataclass(frozen=True)
class Selection:
    """What the user asked to see."""

    pole_id: int | None
    organisation_id: int | None
    period: Period


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    results: tuple[Result, ...]
    lazy: tuple[str, ...]  # indicator keys loaded after the page


@dataclass(frozen=True)
class Dashboard:
    territory: str
    organisation: str
    period: Period
    sections: tuple[Section, ...]

    @property
    def has_masked(self) -> bool:
        return any(result.has_masked for section in self.sections for result in section.results)


def _context(user: User, selection: Selection, now: datetime, stale_weeks: int) -> Context:
    if not access_for(user).allows(selection.pole_id, selection.organisation_id):
        raise NotAllowed("Ce tableau de bord n'est pas accessible avec vos rôles.")
    return Context(selection.period, now, selection.pole_id, selection.organisation_id, stale_weeks)


def dashboard(user: User, selection: Selection, now: datetime, stale_weeks: int = 8) -> Dashboard:
    """Every indicator the selection allows, computed now (the heavy ones left for later)."""
    context = _context(user, selection, now, stale_weeks)
    sections = []
    for family, title in FAMILIES.items():
        eager = tuple(i.compute(context) for i in indicators(lazy=False) if i.family == family)
        lazy = tuple(i.key for i in indicators(lazy=True) if i.family == family)
        if eager or lazy:
            sections.append(Section(family, title, eager, lazy))
    return Dashboard(territory_label(selection.pole_id), organisation_label(selection.organisation_id),
                     selection.period, tuple(sections))


def indicator_result(user: User, key: str, selection: Selection, now: datetime,
                     stale_weeks: int = 8) -> Result | None:
    """One indicator for the selection; None when there is no such indicator."""
    context = _context(user, selection, now, stale_weeks)
    load_families()
    found = REGISTRY.get(key)
    return found.compute(context) if found else None


def all_results(user: User, selection: Selection, now: datetime, stale_weeks: int = 8,
                family: str | None = None) -> list[Result]:
    """Every indicator (the heavy ones too) for the selection, in page order; one family's
    when asked. NotAllowed for a selection the user's roles do not reach."""
    context = _context(user, selection, now, stale_weeks)
    return [i.compute(context) for i in indicators() if family is None or i.family == family]
def result_sheet(result: Result, selection: Selection, numbers: bool = False) -> Sheet:
    """The indicator's table, with what it covers above and what the masks mean below;
    `numbers` turns the table's French numbers back into numbers (for the workbook)."""
    rows = [[typed_number(cell) for cell in row] if numbers else row for row in result.table.rows]
    above = [["Indicateur", result.title], ["Territoire", territory_label(selection.pole_id)],
             ["Organisation", organisation_label(selection.organisation_id)],
             ["Période", selection.period.label]]
    below = [["Repère", target] for target in result.targets]
    below += [[text, MASK_EXPLANATIONS[mask]] for mask, text in MASK_TEXTS.items()]
    return Sheet(result.title, result.table.header, rows, above, below)


def result_csv(result: Result, selection: Selection) -> str:
    """The indicator's table as CSV (`;`, UTF-8 with BOM)."""
    return csv_text(result_sheet(result, selection))
