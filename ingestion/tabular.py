"""One reader for every tabular import: a CSV file as French Excel writes it (UTF-8 with or
without BOM, or Windows-1252; `;`, `,` or tab) or an Excel workbook (.xlsx), turned into a
header and numbered rows of text cells. The cells are then read by `csvformat` whatever the
format, so the report names the same line and column for both."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ingestion.report import ImportFileError
from ingestion.sources import Source, read_source

MAX_ROWS = 50_000  # data rows of one file; the bench imports 5,000 in seconds
DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003) and other OLE files
MERGE = re.compile(rb'<mergeCell[^>]*\sref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
LIMIT_HINT = f"{MAX_ROWS:,} lignes au plus par fichier : découpez-le en plusieurs fichiers".replace(",", "\u202f")


@dataclass(frozen=True)
class RawTable:
    """A file's header cells and its non-blank data rows, each with the line it starts on."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str  # "csv" or "xlsx"


def read_raw(source: Source) -> RawTable:
    """The file as a header and rows, whatever its format; ImportFileError in French if unreadable."""
    raw, name = read_source(source)
    if isinstance(raw, str):
        return _csv_table(raw.removeprefix("\ufeff"))
    if raw.startswith(XLSX_MAGIC):
        return _xlsx_table(raw)
    if raw.startswith(OLD_EXCEL_MAGIC):
        raise ImportFileError("ancien format Excel (.xls) : enregistrez le fichier au format "
                              "« Classeur Excel (.xlsx) » ou « CSV » puis recommencez")
    if name.lower().endswith((".xlsx", ".xlsm")) or (b"\x00" in raw[:4096] and not raw.startswith(
            (b"\xff\xfe", b"\xfe\xff"))):
        raise ImportFileError("ce n'est ni un classeur Excel (.xlsx) ni un fichier CSV lisible "
                              "(fichier abîmé ou d'un autre type renommé ?)")
    return _csv_table(decode_text(raw))


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (what French Excel writes as « CSV »),
    or UTF-16 after its BOM."""
    try:
        # Excel's « Texte Unicode » is UTF-16 with its BOM; the other texts UTF-8 or Windows-1252
        text = raw.decode("utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise ImportFileError(f"encodage illisible (caractère inconnu ligne {line}) : enregistrez "
                                  "le fichier en « CSV UTF-8 » ou en classeur Excel (.xlsx)") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(f"caractère nul ligne {line} : ce n'est pas un fichier texte")
    return text


def _csv_table(text: str) -> RawTable:
    text = text.replace("\r\n", "\n")  # Windows line ends, in cells too
    if not text.strip():
        raise ImportFileError("le fichier est vide")
    header_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        headers = next(reader)
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                _check_limit(len(rows))
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(
            f"CSV illisible ligne {reader.line_num} : cellule trop longue ou caractère interdit"
        ) from None
    return RawTable(headers, rows, "csv")


def _check_limit(count: int) -> None:
    if count >= MAX_ROWS:
        raise ImportFileError(f"fichier trop long : plus de {LIMIT_HINT}")


def _xlsx_table(raw: bytes) -> RawTable:
    from openpyxl import load_workbook  # only the .xlsx imports pay for it

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        merges = _merged_ranges(raw, sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, TypeError):
        raise ImportFileError("classeur Excel (.xlsx) illisible : fichier abîmé, protégé par mot de passe "
                              "ou d'un autre type renommé en .xlsx") from None
    if merges:
        raise ImportFileError(f"feuille « {sheet.title} » : cellules fusionnées ({', '.join(merges[:5])}) : "
                              "annulez la fusion, une valeur par cellule, puis recommencez")
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise ImportFileError(f"fichier trop long : {sheet.max_row - 1} lignes, {LIMIT_HINT}")
    try:
        return _sheet_rows(sheet)
    finally:
        book.close()


def _merged_ranges(raw: bytes, sheet: Any) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return [ref.decode() for ref in MERGE.findall(archive.read(sheet._worksheet_path))]


def _sheet_rows(sheet: Any) -> RawTable:
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None  # the first non-blank row; line numbers stay Excel's
    for counted, cells in enumerate(sheet.iter_rows(), start=1):
        line = next((cell.row for cell in cells if getattr(cell, "row", None)), counted)
        texts = [_text(cell, line, headers) for cell in cells]
        if headers is None:
            if any(texts):
                headers = texts
            continue
        if any(text.strip() for text in texts):
            _check_limit(len(rows))
            rows.append((line, texts))
    if headers is None:
        raise ImportFileError(f"la feuille « {sheet.title} » est vide (le classeur n'est lu que "
                              "dans sa première feuille)")
    return RawTable([header.strip() for header in headers], rows, "xlsx")


def _text(cell: Any, line: int, headers: list[str] | None) -> str:
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        column, index = cell.column_letter, cell.column - 1
        name = f"« {headers[index]} » " if headers and 0 <= index < len(headers) else ""
        raise ImportFileError(f"ligne {line}, colonne {name}({column}{line}) : formule « {value} » : "
                              "remplacez les formules par leurs valeurs (copier, puis collage spécial "
                              "« Valeurs ») puis recommencez")
    return cell_text(value)


def cell_text(value: Any) -> str:
    """A workbook value as the CSV would write it: 01/12/2026, 24,5, 13205, oui/non."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time(0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)
