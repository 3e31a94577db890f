"""The one place the exports are written, as CSV or as an Excel workbook (.xlsx): semicolons
for French spreadsheets, typed cells in the workbook, and no cell that a spreadsheet would run
as a formula (CSV injection) in either."""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import Any, TextIO

from flask import Response, abort, stream_with_context
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from webapp.core.clock import PARIS, aware
from webapp.core.formatting import date_fr, datetime_fr

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A signed number ("-12,5", "+33 6 12 34 56 78") is data, not a formula: kept as typed.
PLAIN_NUMBER = re.compile(r"[+-]?[\d\s.,]+")
# A French number as the screens write it ("12 500", "12,5", "-3"), read back for the workbook.
FRENCH_NUMBER = re.compile(r"-?\d{1,3}(?:[\u202f\u00a0 ]\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTH_SAMPLE = 200  # rows read to size the columns
MAX_WIDTH = 60


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet will show it, never run it: `=1+1` -> `'=1+1`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    """A typed value as the CSV shows it: 22/11/2026 (à 14:05), 12,5, oui/non, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return datetime_fr(value)
    if isinstance(value, date):
        return date_fr(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if abs(value) < 1e15 else str(value)
    return value


def typed_number(text: Any) -> Any:
    """'12 500' -> 12500, '12,5' -> 12.5; anything else unchanged (for tables already written)."""
    if isinstance(text, str) and FRENCH_NUMBER.fullmatch(text):
        plain = re.sub(r"[\u202f\u00a0 ]", "", text).replace(",", ".")
        return float(plain) if "." in plain else int(plain)
    return text


class SafeCsvWriter:
    """csv.writer with every cell shown the French way and passed through neutralise()."""

    def __init__(self, buffer: TextIO):
        self._writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([neutralise(csv_cell(cell)) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row."""
        for row in rows:
            self.writerow(row)


def csv_writer(buffer: TextIO) -> SafeCsvWriter:
    """The writer every CSV export uses."""
    return SafeCsvWriter(buffer)


@dataclass
class Sheet:
    """One export: an optional block above the table (what it covers), the header, the typed
    rows (str, int, float, date, datetime, bool, None), an optional block below."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    above: list[Sequence[Any]] = field(default_factory=list)
    below: list[Sequence[Any]] = field(default_factory=list)


def csv_chunks(sheet: Sheet, every: int = 500) -> Iterator[str]:
    """The sheet as CSV text (UTF-8 BOM first, so Excel reads the accents), in chunks."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv_writer(buffer)
    for row in sheet.above:
        writer.writerow(row)
    if sheet.above:
        writer.writerow([])
    writer.writerow(sheet.header)
    for count, row in enumerate(sheet.rows, 1):
        writer.writerow(row)
        if count % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if sheet.below:
        writer.writerow([])
    writer.writerows(sheet.below)
    yield buffer.getvalue()


def csv_text(sheet: Sheet) -> str:
    """The sheet as one CSV text."""
    return "".join(csv_chunks(sheet))


def _xlsx_value(value: Any) -> Any:
    value = neutralise(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime):
        return aware(value).astimezone(PARIS).replace(tzinfo=None)
    return value


def _width(value: Any) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(csv_cell(value)))


def _cell(sheet, value: Any, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
    if isinstance(value, datetime):
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, date):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, bool):
        cell.value = "oui" if value else "non"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(sheet: Sheet) -> bytes:
    """The sheet as an Excel workbook: typed cells, the header row frozen and filtered, the
    columns sized to their content."""
    book = Workbook(write_only=True)
    out = book.create_sheet(title=re.sub(r"[\\/*?:\[\]]", " ", sheet.title)[:31] or "Export")
    rows = iter(sheet.rows)
    sample = [row for _, row in zip(range(WIDTH_SAMPLE), rows, strict=False)]
    widths = [len(name) + 4 for name in sheet.header]
    for row in sample:
        for index, value in enumerate(row[:len(widths)]):
            widths[index] = max(widths[index], _width(value) + 2)
    for index, width in enumerate(widths, 1):
        out.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    header_row = len(sheet.above) + (2 if sheet.above else 1)
    out.freeze_panes = f"A{header_row + 1}"
    for row in sheet.above:
        out.append([_cell(out, value, bold=index == 0) for index, value in enumerate(row)])
    if sheet.above:
        out.append([])
    out.append([_cell(out, name, bold=True) for name in sheet.header])
    last = header_row
    for row in chain(sample, rows):
        out.append([_cell(out, value) for value in row])
        last += 1
    out.auto_filter.ref = f"A{header_row}:{get_column_letter(max(len(sheet.header), 1))}{last}"
    if sheet.below:
        out.append([])
    for row in sheet.below:
        out.append([_cell(out, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(sheet: Sheet, stem: str, kind: str) -> Response:
    """The sheet as an attachment named `stem.csv` or `stem.xlsx`; a 404 for another kind."""
    if kind == "csv":
        body, mimetype = stream_with_context(csv_chunks(sheet)), "text/csv"
    elif kind == "xlsx":
        body, mimetype = xlsx_bytes(sheet), XLSX_MIMETYPE
    else:
        abort(404)
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{kind}"'})
