"""Shared end of every import: exchange validation, duplicate ids, report and records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ingestion.csvformat import CsvRow, CsvTable
from ingestion.places import ImportLookup, default_referential
from ingestion.report import (
    FieldProblem,
    ImportedRecord,
    ImportFileError,
    ImportReport,
    ImportResult,
    RowOutcome,
    SourceKind,
)
from ingestion.sources import Source
from matching.exchange import RecordError

Validate = Callable[[Any, ImportLookup], Any]
ToDict = Callable[[Any], dict[str, Any]]
LIST_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Candidate:
    """A source row converted to an exchange dict, with the problems met while converting."""

    line: int
    data: Any
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def external_id(self) -> str | None:
        """The record's id as the source gives it, if any."""
        raw = self.data.get("id") if isinstance(self.data, Mapping) else None
        return str(raw).strip() or None if isinstance(raw, str | int) else None


# A format reader: candidates, exchange field -> source column names, file-level notes.
Loaded = tuple[list[Candidate], Mapping[str, str], list[str]]
Reader = Callable[[Source, ImportLookup], Loaded]


def source_field(path: str, names: Mapping[str, str]) -> str:
    """The source column for an exchange field path (`schedule.night` -> `nuit`)."""
    plain_path = LIST_INDEX.sub("", path)
    for candidate in (path, plain_path, plain_path.split(".")[0]):
        if candidate in names:
            return names[candidate]
    return path


def _root(field: str) -> str:
    """`lieuTravail.commune` -> `lieuTravail`: problems already reported there are not repeated."""
    return field.split(".")[0]


def _validation_problems(candidate: Candidate, validate: Validate, referential: ImportLookup,
                         names: Mapping[str, str]) -> tuple[list[FieldProblem], Any]:
    try:
        return [], validate(candidate.data, referential)
    except RecordError as error:
        already = {_root(problem.field) for problem in candidate.problems}
        if "" in already:  # the whole row is already reported as unreadable
            return [], None
        found = [FieldProblem(source_field(p.field, names), p.message) for p in error.problems]
        return [p for p in found if _root(p.field) not in already], None


def from_table(table: CsvTable, columns: Mapping[str, str], referential: ImportLookup,
               convert: Callable[[CsvRow, ImportLookup], dict[str, Any]]) -> Loaded:
    """Convert every row of a CSV table; `columns` maps CSV columns to exchange fields."""
    candidates = [Candidate(row.line, convert(row, referential), row.problems)
                  for row in table.rows]
    names = {field: column for column, field in columns.items()}
    names["commune"] = table.first_of("commune_insee", "commune")
    notes = [f"colonne « {column} » ignorée (inconnue)" for column in table.ignored]
    return candidates, names, notes


def run_import(source: Source, fmt: str, readers: Mapping[str, Reader], validate: Validate,
               to_dict: ToDict, referential: ImportLookup | None) -> ImportResult:
    """Read `source` with the reader of `fmt`, then validate and report every record."""
    if fmt not in readers:
        raise ImportFileError(f"format « {fmt} » inconnu (formats : {', '.join(readers)})")
    referential = referential or default_referential()
    candidates, names, notes = readers[fmt](source, referential)
    result = finish(candidates, "csv" if fmt in ("csv", "xlsx") else "json",
                    validate, to_dict, referential, names)
    result.report.notes.extend(notes)
    return result


def finish(candidates: Iterable[Candidate], kind: SourceKind, validate: Validate,
           to_dict: ToDict, referential: ImportLookup, names: Mapping[str, str]) -> ImportResult:
    """Validate each candidate through the exchange format and build the import result."""
    report = ImportReport(kind)
    records: list[ImportedRecord] = []
    first_line: dict[str, int] = {}
    where = "ligne" if kind == "csv" else "l'enregistrement"
    for candidate in candidates:
        problems = list(candidate.problems)
        found, validated = _validation_problems(candidate, validate, referential, names)
        problems += found
        external_id = candidate.external_id
        if external_id in first_line:
            problems.append(FieldProblem(source_field("id", names), (
                f"identifiant « {external_id} » déjà utilisé {where} {first_line[external_id]}")))
        report.rows.append(RowOutcome(candidate.line, external_id, tuple(problems)))
        if problems or external_id is None:
            continue
        first_line[external_id] = candidate.line
        records.append(ImportedRecord(candidate.line, external_id,
                                      {**candidate.data, **to_dict(validated)}))
    return ImportResult(records, report)
