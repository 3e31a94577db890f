"""One CSV writer for every export, and no cell a spreadsheet would run as a formula."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests import factories
from tests.prospection.test_prospection_board import plan  # noqa: F401 (fixture)
from webapp.core.csv_export import csv_writer, neutralise

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
                 and path.name != "csv_export.py"]
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
