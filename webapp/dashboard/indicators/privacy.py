"""The small-cell rule: no published figure lets anyone single out a person.

1. Primary masking: a count of people between 1 and 4 is published as « < 5 ».
2. Secondary masking: in every group of counts published with its total (the categories of
   a breakdown and their total, the organisations of a territory and the territory), the
   masked cells must be at least two and add up to 5 or more, so that subtracting the visible
   cells from the total never gives back a small cell. Otherwise the smallest visible non-zero
   cell is masked too (« n.c. »); when no cell is left, the total is masked.
3. Statistics over people (a median time, a rate) are published only when both the
   numerator and the denominator are published, and medians only over 5 people or more.

Counts are always protected as a table of organisations × categories, both for a territory
and for one organisation, so the figures of one organisation and those of its territory
cannot be subtracted from each other either. The true value of a masked cell never leaves
this module: `Shown.value` is None.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

SMALL_CELL = 5  # a count of people under this is masked
SMALL, SECONDARY = "small", "secondary"
MASK_TEXTS = {SMALL: "< 5", SECONDARY: "n.c."}
MASK_EXPLANATIONS = {
    SMALL: "moins de 5 personnes : chiffre masqué pour que personne ne puisse être reconnu",
    SECONDARY: "non communiqué : masqué pour qu'une case de moins de 5 personnes ne se "
    "retrouve pas par soustraction",
}


@dataclass(frozen=True)
class Shown:
    """A figure as it may be published: its value, or None and why it is masked."""

    value: int | None
    mask: str = ""

    @property
    def hidden(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        """« 1 234 », « < 5 » or « n.c. »."""
        from webapp.core.formatting import number_fr

        return MASK_TEXTS[self.mask] if self.hidden else number_fr(self.value)

    @property
    def explanation(self) -> str:
        return MASK_EXPLANATIONS.get(self.mask, "")


def plain(value: int | None) -> Shown:
    """A figure that does not count people (offers, needs, companies): never masked."""
    return Shown(int(value or 0))


Key = Hashable
_Position = tuple[int, int]


@dataclass(frozen=True)
class ProtectedTable:
    """Counts of people by (organisation, category) after the rule, with their totals.

    `additive`: the categories of a row add up to the row total (a breakdown); when False
    (the steps of a funnel, nested in each other) only organisations add up."""

    categories: tuple[Key, ...]
    cells: Mapping[tuple[Key, Key], Shown]
    row_totals: Mapping[Key, Shown]
    column_totals: Mapping[Key, Shown]
    total: Shown | None

    def view(self, organisation_id: int | None) -> dict[Key, Shown]:
        """Each category for one organisation, or for everyone when None."""
        if organisation_id is None:
            return {c: self.column_totals[c] for c in self.categories}
        return {c: self.cells.get((organisation_id, c), Shown(0)) for c in self.categories}

    def view_total(self, organisation_id: int | None) -> Shown:
        """The total for one organisation, or for everyone (None for non-additive tables)."""
        if self.total is None:
            raise ValueError("non-additive table: no total across categories")
        if organisation_id is None:
            return self.total
        return self.row_totals.get(organisation_id, Shown(0))


def protect(counts: Mapping[tuple[Key, Key], int], categories: Iterable[Key],
            additive: bool = True) -> ProtectedTable:
    """Apply the small-cell rule to counts keyed by (organisation id, category)."""
    columns = list(categories)
    rows = sorted({row for row, _ in counts}, key=str)
    grid = _grid(counts, rows, columns, additive)
    masks = {position: SMALL for position, value in grid.items() if 0 < value < SMALL_CELL}
    groups = _groups(len(rows), len(columns), additive)
    while _mask_one_more(grid, masks, groups):
        pass

    def shown(position: _Position) -> Shown:
        return Shown(None, masks[position]) if position in masks else Shown(grid[position])

    n_rows, n_columns = len(rows), len(columns)
    return ProtectedTable(
        categories=tuple(columns),
        cells={(row, column): shown((r, c)) for r, row in enumerate(rows)
               for c, column in enumerate(columns)},
        row_totals={row: shown((r, n_columns)) for r, row in enumerate(rows)} if additive else {},
        column_totals={column: shown((n_rows, c)) for c, column in enumerate(columns)},
        total=shown((n_rows, n_columns)) if additive else None,
    )


def protect_counts(counts: Mapping[Key, int]) -> ProtectedTable:
    """Counts by organisation only (one figure), protected across organisations."""
    return protect({(row, "total"): value for row, value in counts.items()}, ["total"], additive=False)


def _grid(counts, rows, columns, additive) -> dict[_Position, int]:
    """Cells, then a total column (when additive) and a total row, by position."""
    grid: dict[_Position, int] = {}
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            grid[r, c] = int(counts.get((row, column), 0))
    n_rows, n_columns = len(rows), len(columns)
    for c in range(n_columns):
        grid[n_rows, c] = sum(grid[r, c] for r in range(n_rows))
    if additive:
        for r in range(n_rows + 1):
            grid[r, n_columns] = sum(grid[r, c] for c in range(n_columns))
    return grid


def _groups(n_rows: int, n_columns: int, additive: bool) -> list[tuple[list[_Position], _Position]]:
    """(cells, total) of every sum the table publishes."""
    groups = []
    if additive:
        for r in range(n_rows + 1):
            groups.append(([(r, c) for c in range(n_columns)], (r, n_columns)))
    for c in range(n_columns + (1 if additive else 0)):
        groups.append(([(r, c) for r in range(n_rows)], (n_rows, c)))
    return groups


def _mask_one_more(grid, masks, groups) -> bool:
    """Mask one more figure in the first group that still gives a small cell away."""
    for cells, total in groups:
        if total in masks:
            continue
        masked = [p for p in cells if p in masks and grid[p] > 0]
        if not masked or (len(masked) >= 2 and sum(grid[p] for p in masked) >= SMALL_CELL):
            continue
        visible = [p for p in cells if p not in masks and grid[p] > 0]
        target = min(visible, key=lambda p: grid[p]) if visible else total
        masks[target] = SMALL if 0 < grid[target] < SMALL_CELL else SECONDARY
        return True
    return False


def percent(numerator: Shown, denominator: Shown) -> float | None:
    """numerator / denominator in %, or None when either is masked or the base is zero."""
    if numerator.hidden or denominator.hidden or not denominator.value:
        return None
    return 100.0 * numerator.value / denominator.value


def statistic_allowed(people: Shown) -> bool:
    """A median or percentile over these people may be published."""
    return not people.hidden and people.value >= SMALL_CELL
