"""One CSV writer for every export, and no cell a spreadsheet would run as a formula."""

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.prospection.test_prospection_board import plan  # noqa: F401 (fixture)
from tests.xlsx_helpers import workbook_rows
from webapp.core.tabular_export import Sheet, csv_writer, neutralise, typed_number, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"),
    ('=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'),
])
def test_formula_cells_are_neutralised(cell, written):
    assert neutralise(cell) == written


@pytest.mark.parametrize("cell", ["Boulangerie", "", "-12,5", "+33 6 12 34 56 78", "a=b", 12, -3, None])
def test_plain_cells_and_signed_numbers_are_kept(cell):
    assert neutralise(cell) == cell


def test_the_writer_uses_semicolons_and_neutralises_every_cell():
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["=1+1", "ok", 3])
    writer.writerows([["@x"]])
    assert buffer.getvalue() == "'=1+1;ok;3\r\n'@x\r\n"


def test_no_export_writes_csv_but_through_the_one_writer():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "webapp").rglob("*.py")
                 if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
                 and path.name != "tabular_export.py"]
    assert offenders == []


def _rows(response) -> list[list[str]]:
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_offers_export_neutralises_a_formula_title(client, login, database):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi",
                                 pole_code=None)
    user = factories.user((org, "cre"))
    factories.offer(org, title='=HYPERLINK("http://evil.example","Cliquez")')
    login(user)
    rows = _rows(client.get("/offres/export.csv"))
    assert ['\'=HYPERLINK("http://evil.example","Cliquez")'] == [
        cell for row in rows[1:] for cell in row if "HYPERLINK" in cell]


def test_the_prospection_targets_export_neutralises_a_formula_company(client, login, plan):  # noqa: F811
    plan["target"].company.name = "=cmd|' /C calc'!A0"
    login(plan["lead"])
    rows = _rows(client.get("/prospection/I/liste.csv"))
    assert any(row[0] == "'=cmd|' /C calc'!A0" for row in rows[1:])


def _book(sheet: Sheet):
    return load_workbook(io.BytesIO(xlsx_bytes(sheet))).active


def test_the_workbook_has_typed_cells_a_frozen_filtered_header_and_sized_columns():
    sheet = _book(Sheet("Essai", ["Nom", "Postes", "Heures", "Début", "Publiée", "Immersion", "Vide"],
                        [["Boulangerie Durand", 3, 24.5, date(2026, 12, 1),
                          datetime(2026, 11, 30, 8, 15, tzinfo=UTC), True, None],
                         ["=1+1", -2, 0.0, None, None, False, "x\x07y"]]))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G3"
    assert [cell.value for cell in sheet[1]] == ["Nom", "Postes", "Heures", "Début", "Publiée", "Immersion", "Vide"]
    assert sheet[1][0].font.bold
    _name, positions, hours, start, published, immersion, _ = (cell for cell in sheet[2])
    assert (positions.value, hours.value) == (3, 24.5) and positions.data_type == "n"
    assert start.is_date and start.value == datetime(2026, 12, 1) and start.number_format == "DD/MM/YYYY"
    assert published.value == datetime(2026, 11, 30, 9, 15)  # Paris time
    assert immersion.value == "oui" and sheet["F3"].value == "non"
    assert sheet["A3"].value == "'=1+1" and sheet["A3"].data_type == "s"  # shown, never run
    assert sheet["G3"].value == "xy"  # a control character Excel refuses is dropped
    assert sheet.column_dimensions["A"].width >= len("Boulangerie Durand")


def test_a_block_above_the_table_moves_the_frozen_header_down():
    sheet = _book(Sheet("Indicateur", ["Étape", "Personnes"], [["Embauchées", 12]],
                        above=[["Indicateur", "Étapes"], ["Période", "novembre 2026"]],
                        below=[["< 5", "moins de 5 personnes"]]))
    assert sheet["A4"].value == "Étape" and sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:B5" and sheet["A7"].value == "< 5"


@pytest.mark.parametrize(("text", "value"), [("12 500", 12500), ("12\u202f500", 12500), ("12,5", 12.5),
                                             ("-3", -3), ("< 5", "< 5"), ("13205 Marseille", "13205 Marseille")])
def test_the_dashboard_s_french_numbers_become_numbers(text, value):
    assert typed_number(text) == value


def test_the_offers_workbook_is_typed_and_neutralised(client, login, database):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi",
                                 pole_code=None)
    user = factories.user((org, "cre"))
    factories.offer(org, title='=HYPERLINK("http://evil.example","Cliquez")', positions=3,
                    start_date=date(2026, 12, 1))
    login(user)
    sheet, rows = workbook_rows(client.get("/offres/export.xlsx"))
    header, row = rows[0], rows[1]
    assert header[:2] == ["Référence", "Intitulé"] and len(rows) == 2
    assert row[1] == '\'=HYPERLINK("http://evil.example","Cliquez")'
    assert row[header.index("Postes")] == 3 and row[header.index("Début")] == datetime(2026, 12, 1)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert 'href="/offres/export.xlsx' in client.get("/offres/", headers={"HX-Request": "true"}).text


def test_the_prospection_workbook_opens_with_the_same_columns(client, login, plan):  # noqa: F811
    plan["target"].company.name = "=cmd|' /C calc'!A0"
    login(plan["lead"])
    _, rows = workbook_rows(client.get("/prospection/I/liste.xlsx"))
    assert rows[0][0] == "Entreprise" and any(row[0] == "'=cmd|' /C calc'!A0" for row in rows[1:])
    assert 'href="/prospection/I/liste.xlsx' in client.get("/prospection/I/liste").text
