"""The one CSV writer of the exports: semicolons for French spreadsheets, and no cell that
a spreadsheet would run as a formula (CSV injection)."""

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A signed number ("-12,5", "+33 6 12 34 56 78") is data, not a formula: kept as typed.
PLAIN_NUMBER = re.compile(r"[+-]?[\d\s.,]+")


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet will show it, never run it: `=1+1` -> `'=1+1`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer with every cell passed through neutralise()."""

    def __init__(self, buffer: TextIO):
        self._writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row."""
        for row in rows:
            self.writerow(row)


def csv_writer(buffer: TextIO) -> SafeCsvWriter:
    """The writer every CSV export uses."""
    return SafeCsvWriter(buffer)
