"""Read a reference CSV row by row, checking its header and each field with French messages."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn


class ReferenceDataError(ValueError):
    """A reference file is missing, malformed, or has an invalid row."""

    def __init__(self, file_name: str, line: int | None, reason: str) -> None:
        where = f"{file_name}, ligne {line}" if line is not None else file_name
        super().__init__(f"{where} : {reason}")
        self.file_name = file_name
        self.line = line
        self.reason = reason


class Row:
    """One data row of a reference file, with typed accessors that fail with the line number."""

    def __init__(self, file_name: str, line: int, values: dict[str, str]) -> None:
        self.file_name = file_name
        self.line = line
        self._values = values

    def fail(self, reason: str) -> NoReturn:
        """Raise a ReferenceDataError for this row."""
        raise ReferenceDataError(self.file_name, self.line, reason)

    def text(self, column: str, label: str) -> str:
        """A non-empty value without surrounding spaces."""
        value = self._values[column]
        if not value.strip():
            self.fail(f"{label} vide")
        if value != value.strip():
            self.fail(f"{label} « {value} » entouré d'espaces")
        return value

    def optional(self, column: str) -> str | None:
        """The value, or None when the cell is empty."""
        return self._values[column] or None

    def matching(self, column: str, label: str, pattern: str) -> str:
        """A value that fully matches a regular expression."""
        value = self.text(column, label)
        if not re.fullmatch(pattern, value):
            self.fail(f"{label} « {value} » invalide")
        return value

    def choice(self, column: str, label: str, allowed: Sequence[str]) -> str:
        """A value among the allowed ones."""
        value = self.text(column, label)
        if value not in allowed:
            self.fail(f"{label} « {value} » invalide (attendu : {', '.join(allowed)})")
        return value

    def integer(self, column: str, label: str, minimum: int = 0) -> int:
        """A whole number at least `minimum`."""
        value = self.text(column, label)
        if not re.fullmatch(r"\d+", value) or int(value) < minimum:
            self.fail(f"{label} « {value} » invalide")
        return int(value)

    def number(self, column: str, label: str, low: float, high: float) -> float:
        """A decimal number (point as separator) between low and high."""
        value = self.text(column, label)
        try:
            number = float(value)
        except ValueError:
            self.fail(f"{label} « {value} » invalide")
        if not math.isfinite(number) or not low <= number <= high:
            self.fail(f"{label} « {value} » invalide (attendu entre {low:g} et {high:g})")
        return number


def read_rows(path: Path, header: Sequence[str]) -> Iterator[Row]:
    """Yield the data rows of a UTF-8 CSV file whose first line must be exactly `header`."""
    name = path.name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            first = next(reader, None)
            if first != list(header):
                found = ",".join(first) if first else "rien"
                raise ReferenceDataError(
                    name, 1, f"en-tête « {found} » au lieu de « {','.join(header)} »"
                )
            for values in reader:
                if len(values) != len(header):
                    raise ReferenceDataError(
                        name,
                        reader.line_num,
                        f"{len(values)} colonnes au lieu de {len(header)}",
                    )
                yield Row(name, reader.line_num, dict(zip(header, values)))
    except FileNotFoundError:
        raise ReferenceDataError(name, None, f"fichier introuvable ({path})") from None
    except UnicodeDecodeError:
        raise ReferenceDataError(name, None, "fichier illisible : encodage UTF-8 attendu") from None
    except csv.Error as error:
        raise ReferenceDataError(name, None, f"CSV mal formé ({error})") from None


class UniqueKeys:
    """Remembers the line of each key seen in a file and rejects a repeated key."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._lines: dict[object, int] = {}

    def add(self, row: Row, key: object, shown: str) -> None:
        """Record key for row, or fail if an earlier line had it."""
        if key in self._lines:
            row.fail(f"{self._label} « {shown} » en double (déjà ligne {self._lines[key]})")
        self._lines[key] = row.line
