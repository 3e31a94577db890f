"""The import report: what each source row became, with one French line per problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SourceKind = Literal["csv", "json"]


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, bad encoding, bad JSON, forbidden columns)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    """One bad field of one row: the source column or JSON path ("" for the whole row), and why."""

    field: str
    message: str


@dataclass(frozen=True)
class RowOutcome:
    """What became of one source row: its CSV line or JSON position (from 1), id and problems."""

    line: int
    record_id: str | None
    problems: tuple[FieldProblem, ...] = ()

    @property
    def accepted(self) -> bool:
        """True when the row was converted."""
        return not self.problems


@dataclass(frozen=True)
class ImportedRecord:
    """A converted record (exchange-format dict) with its CSV line or JSON position, and id."""

    line: int
    external_id: str
    data: dict[str, Any]


@dataclass
class ImportReport:
    """Per-row outcomes of one import, plus file-level notes (e.g. ignored columns)."""

    kind: SourceKind
    rows: list[RowOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Number of source rows read."""
        return len(self.rows)

    @property
    def converted(self) -> int:
        """Number of rows converted."""
        return sum(1 for row in self.rows if row.accepted)

    @property
    def rejected(self) -> int:
        """Number of rows rejected."""
        return self.read - self.converted

    def where(self, row: RowOutcome) -> str:
        """Where a row is, in French: `ligne 7 (réf. X)` or `enregistrement 3 (id X)`."""
        place = f"ligne {row.line}" if self.kind == "csv" else f"enregistrement {row.line}"
        if row.record_id:
            label = "réf." if self.kind == "csv" else "id"
            place += f" ({label} {row.record_id})"
        return place

    def problem_lines(self) -> list[str]:
        """One French line per problem of each rejected row, in source order."""
        return [
            f"{self.where(row)}{self._column(problem)} : {problem.message}"
            for row in self.rows
            for problem in row.problems
        ]

    def _column(self, problem: FieldProblem) -> str:
        if not problem.field:
            return ""
        noun = "colonne" if self.kind == "csv" else "champ"
        return f", {noun} « {problem.field} »"

    def summary(self) -> str:
        """The counts line: `lus : N, convertis : N, rejetés : N`."""
        return f"lus : {self.read}, convertis : {self.converted}, rejetés : {self.rejected}"

    def lines(self) -> list[str]:
        """The whole report: problems, notes, then the counts line last."""
        return [*self.problem_lines(), *self.notes, self.summary()]


@dataclass(frozen=True)
class ImportResult:
    """The converted records and the report of one import."""

    records: list[ImportedRecord]
    report: ImportReport

    def exchange_dicts(self) -> list[dict[str, Any]]:
        """The converted records as exchange-format dicts, in source order."""
        return [record.data for record in self.records]
