"""Builds the spreadsheet samples of tests/data/ from offres.csv and profils.csv, as French
Excel saves them: `python tests/data/build_spreadsheets.py` (the files are committed)."""

import csv
import io
import re
from datetime import date
from pathlib import Path

from openpyxl import Workbook

DATA = Path(__file__).parent
FRENCH_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
NUMBER = re.compile(r"\d+(,\d+)?")
TEXT_COLUMNS = {"reference", "commune_insee", "siret", "codes_rome", "code_rome"}


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _typed(column: str, text: str):
    """The cell as Excel stores what a person typed: dates and numbers typed, codes as text."""
    if column in TEXT_COLUMNS:
        return text
    if match := FRENCH_DATE.fullmatch(text):
        return date(int(match[3]), int(match[2]), int(match[1]))
    if match := ISO_DATE.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if NUMBER.fullmatch(text):
        return float(text.replace(",", ".")) if "," in text else int(text)
    return text or None


def workbook(name: str, target: str) -> None:
    header, *rows = _rows(name)
    book = Workbook()
    sheet = book.active
    sheet.title = "Feuil1"
    sheet.append(header)
    for row in rows:
        sheet.append([_typed(column, cell) for column, cell in zip(header, row, strict=False)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    book.save(DATA / target)


def windows_1252(name: str, target: str) -> None:
    """« CSV (séparateur : point-virgule) » of French Excel: Windows-1252, CRLF, no BOM."""
    (DATA / target).write_bytes((DATA / name).read_text(encoding="utf-8").replace("\n", "\r\n")
                                .encode("cp1252"))


def commas(name: str, target: str) -> None:
    """« CSV UTF-8 (délimité par des virgules) »: a BOM and commas."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=",", lineterminator="\r\n").writerows(_rows(name))
    (DATA / target).write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))


if __name__ == "__main__":
    workbook("offres.csv", "offres.xlsx")
    workbook("profils.csv", "profils.xlsx")
    windows_1252("offres.csv", "offres_windows1252.csv")
    windows_1252("profils.csv", "profils_windows1252.csv")
    commas("offres.csv", "offres_virgules.csv")
    commas("profils.csv", "profils_virgules.csv")
