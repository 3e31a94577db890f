"""Semicolon CSV files as AEs and CREs export them: headers, rows and French cell parsing."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from ingestion.report import FieldProblem, ImportFileError
from ingestion.sources import Source
from ingestion.tabular import read_raw
from reference.text import fold

# Schedule columns of both CSV formats -> exchange schedule/availability flags.
SCHEDULE_COLUMNS = {"nuit": "night", "week_end": "weekend", "tot_le_matin": "early_morning",
                    "coupure": "split_shift"}
TRUE_WORDS = frozenset({"oui", "o", "1", "vrai", "x", "yes", "y", "true"})
FALSE_WORDS = frozenset({"non", "n", "0", "faux", "no", "false"})
FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
NUMBER_WITH_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)$")
CODE_SEPARATORS = re.compile(r"\s*[|,]\s*")
TEXT_SEPARATOR = re.compile(r"\s*\|\s*")


class CellError(ValueError):
    """A cell that cannot be read; the message is French and quotes the cell."""


def plain(text: str) -> str:
    """Lowercase text without accents, for comparisons (`Tôt le matin` -> `tot le matin`)."""
    return fold(text).strip()


def column_key(header: str) -> str:
    """Canonical header name: `Week-end` -> `week_end`, `Codes ROME (|)` -> `codes_rome`."""
    without_notes = re.sub(r"\(.*?\)", " ", plain(header))
    return re.sub(r"[^a-z0-9]+", "_", without_notes).strip("_")


def parse_bool(text: str) -> bool | None:
    """oui/non (and o/n, 1/0, x, vrai/faux); an empty cell is None."""
    word = plain(text)
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"« {text.strip()} » n'est ni oui ni non")


def parse_date(text: str) -> str | None:
    """JJ/MM/AAAA or AAAA-MM-JJ to an ISO date string; an empty cell is None."""
    value = text.strip()
    if not value:
        return None
    french, iso = FRENCH_DATE.match(value), ISO_DATE.match(value)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            return date(year, month, day).isoformat()
        if iso:
            return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CellError(f"date « {value} » impossible") from None
    raise CellError(f"date « {value} » illisible (attendu JJ/MM/AAAA ou AAAA-MM-JJ)")


def parse_number(text: str, integer: bool = False, units: Collection[str] = ()) -> Any:
    """`24`, `24,5` or `24 h` (when `h` is an accepted unit); an empty cell is None."""
    value = plain(text).replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    match = NUMBER_WITH_UNIT.match(value)
    if not match or (match.group(2) and match.group(2) not in units):
        kind = "un nombre entier" if integer else "un nombre"
        raise CellError(f"« {text.strip()} » n'est pas {kind}")
    number = float(match.group(1).replace(",", "."))
    if integer:
        if not number.is_integer():
            raise CellError(f"« {text.strip()} » n'est pas un nombre entier")
        return int(number)
    return int(number) if number.is_integer() else number


def parse_list(text: str, commas: bool = False) -> list[str]:
    """Items separated by `|` (or also commas, for lists of codes), blanks dropped."""
    separator = CODE_SEPARATORS if commas else TEXT_SEPARATOR
    return [item for item in separator.split(text.strip()) if item]


class CsvRow:
    """One data row: typed reads of its cells, each bad cell recorded as a FieldProblem."""

    def __init__(self, line: int, cells: dict[str, str]):
        self.line = line
        self.cells = cells
        self.problems: list[FieldProblem] = []

    def fail(self, column: str, message: str) -> None:
        """Record a problem on `column`."""
        self.problems.append(FieldProblem(column, message))

    def text(self, column: str) -> str | None:
        """The stripped cell, or None when empty or absent."""
        value = self.cells.get(column, "").strip()
        return value or None

    def _read(self, column: str, parse: Any, *args: Any) -> Any:
        try:
            return parse(self.cells.get(column, ""), *args)
        except CellError as error:
            self.fail(column, str(error))
            return None

    def boolean(self, column: str) -> bool:
        """oui/non; an empty or bad cell is False (a bad one is also recorded)."""
        return bool(self._read(column, parse_bool))

    def number(self, column: str, integer: bool = False, units: Collection[str] = ()) -> Any:
        """A number, or None when empty or bad."""
        return self._read(column, parse_number, integer, units)

    def date(self, column: str) -> str | None:
        """An ISO date string, or None when empty or bad."""
        return self._read(column, parse_date)

    def items(self, column: str, commas: bool = False) -> list[str]:
        """The `|`-separated (or also comma-separated) items of a cell."""
        return parse_list(self.cells.get(column, ""), commas)


@dataclass(frozen=True)
class CsvTable:
    """The canonical column names of a CSV file and its non-empty rows."""

    headers: tuple[str, ...]  # as written in the file
    columns: tuple[str, ...]  # canonical names, same order
    ignored: tuple[str, ...]
    rows: list[CsvRow]

    def require(self, *columns: str) -> None:
        """Refuse the file when one of `columns` is missing."""
        missing = [column for column in columns if column not in self.columns]
        if missing:
            raise ImportFileError(
                "colonne obligatoire absente : " + ", ".join(missing)
                + " (en-têtes lus : " + ", ".join(c for c in self.columns if c) + ")"
            )

    def first_of(self, *columns: str) -> str:
        """The first of `columns` the file has; refuse the file when it has none."""
        for column in columns:
            if column in self.columns:
                return column
        raise ImportFileError(f"colonne obligatoire absente : {' ou '.join(columns)}")


def read_table(source: Source, known: Collection[str]) -> CsvTable:
    """Read a CSV file or an Excel workbook; headers become canonical names, those not in
    `known` are ignored."""
    raw = read_raw(source)
    columns = tuple(column_key(header) for header in raw.headers)
    duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicates:
        raise ImportFileError(f"colonne en double : {', '.join(duplicates)}")
    separator = "un point-virgule" if raw.kind == "csv" else "une cellule"
    rows = []
    for line, cells in raw.rows:
        row = CsvRow(line, dict(zip(columns, cells, strict=False)))
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
            row.fail("", f"{len(cells)} cellules pour {len(columns)} colonnes : {separator} en trop ?")
        rows.append(row)
    ignored = tuple(c for c in columns if c and c not in known)
    return CsvTable(tuple(header.strip() for header in raw.headers), columns, ignored, rows)
