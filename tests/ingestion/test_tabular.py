"""The one tabular reader: CSV as French Excel writes it and .xlsx workbooks, read alike."""

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingestion.offers import parse_offers
from ingestion.profiles import parse_profiles
from ingestion.report import ImportFileError
from ingestion.tabular import MAX_ROWS, cell_text, read_raw

DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = ["reference", "intitule", "code_rome", "commune_insee", "contrat", "heures_semaine", "date_debut"]


def _without_source(records: list[dict]) -> list[dict]:
    return [{key: value for key, value in record.items() if key != "source"} for record in records]


@pytest.mark.parametrize("name", ["offres.xlsx", "offres_windows1252.csv", "offres_virgules.csv"])
def test_every_offers_sample_reads_like_the_utf8_csv(name):
    expected = _without_source(parse_offers(DATA / "offres.csv", "csv").exchange_dicts())
    result = parse_offers(DATA / name, "csv")
    assert _without_source(result.exchange_dicts()) == expected and result.report.rejected == 0
    assert expected[0]["start_date"] == "2026-12-01" and expected[2]["hours_per_week"] == 28


@pytest.mark.parametrize("name", ["profils.xlsx", "profils_windows1252.csv", "profils_virgules.csv"])
def test_every_profiles_sample_reads_like_the_utf8_csv(name):
    expected = parse_profiles(DATA / "profils.csv", "csv").exchange_dicts()
    assert parse_profiles(DATA / name, "xlsx").exchange_dicts() == expected


def _book(*rows, title: str = "Feuil1") -> Workbook:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(list(row))
    return book


def _bytes(book: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_typed_workbook_cells_decimal_commas_and_french_dates():
    stream = _bytes(_book(HEADER, ["O-1", "Agent", "K2204", 13205, "CDI", 24.5, date(2026, 12, 1)],
                          ["O-2", "Agent", "K2204", "13205", "CDI", "17,5", "04/01/2027"]))
    first, second = parse_offers(stream, "xlsx").exchange_dicts()
    assert (first["commune"], first["hours_per_week"], first["start_date"]) == ("13205", 24.5, "2026-12-01")
    assert (second["hours_per_week"], second["start_date"]) == (17.5, "2027-01-04")


def test_a_bad_workbook_cell_is_reported_with_its_line_and_column():
    stream = _bytes(_book(HEADER, ["O-1", "Agent", "K2204", "13205", "CDI", 20, None],
                          [], ["O-2", "Agent", "K2204", "13999", "CDI", 20, None]))
    result = parse_offers(stream, "csv")
    assert result.report.read == 2 and result.report.rejected == 1
    assert "ligne 4 (réf. O-2), colonne « commune_insee » : commune inconnue « 13999 »" in "\n".join(
        result.report.lines())


@pytest.mark.parametrize(("value", "text"), [(None, ""), (True, "oui"), (24.0, "24"), (24.5, "24,5"),
                                             (13205, "13205"), (date(2026, 12, 1), "01/12/2026")])
def test_workbook_values_become_the_text_a_csv_would_hold(value, text):
    assert cell_text(value) == text


def test_merged_cells_are_refused_naming_the_range():
    book = _book(HEADER, ["O-1", "Agent", "K2204", "13205", "CDI", 20, None])
    book.active.merge_cells("A2:B2")
    with pytest.raises(ImportFileError, match=r"cellules fusionnées \(A2:B2\).*annulez la fusion"):
        read_raw(_bytes(book))


def test_formulas_are_refused_naming_the_cell():
    stream = _bytes(_book(HEADER, ["O-1", "Agent", "K2204", "13205", "CDI", "=10*2", None]))
    with pytest.raises(ImportFileError, match=r"ligne 2, colonne « heures_semaine » \(F2\) : formule "
                                              r"« =10\*2 ».*collage spécial"):
        parse_offers(stream, "csv")


def test_an_empty_sheet_is_refused():
    with pytest.raises(ImportFileError, match="la feuille « Vide » est vide"):
        parse_offers(_bytes(_book(title="Vide")), "csv")


def test_more_rows_than_the_limit_are_refused_before_anything_is_converted():
    rows = [["O-{n}", "Agent", "K2204", "13205", "CDI", 20, None] for n in range(MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="fichier trop long .*découpez-le"):
        parse_offers(_bytes(_book(HEADER, *rows)), "csv")
    text = ";".join(HEADER) + "\n" + "O-1;Agent;K2204;13205;CDI;20;\n" * (MAX_ROWS + 1)
    with pytest.raises(ImportFileError, match="fichier trop long"):
        parse_offers(io.BytesIO(text.encode()), "csv")


@pytest.mark.parametrize(("content", "message"), [
    (bytes(range(256)) * 8, "ni un classeur Excel \\(.xlsx\\) ni un fichier CSV"),
    (b"PK\x03\x04" + bytes(range(256)) * 8, "classeur Excel \\(.xlsx\\) illisible"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "ancien format Excel \\(.xls\\)"),
])
def test_junk_renamed_xlsx_is_one_french_message(tmp_path, content, message):
    path = tmp_path / "offres.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        parse_offers(path, "xlsx")


def test_a_text_file_named_xlsx_is_not_read_as_csv(tmp_path):
    path = tmp_path / "offres.xlsx"
    path.write_text(";".join(HEADER) + "\nO-1;Agent;K2204;13205;CDI;20;\n")
    with pytest.raises(ImportFileError, match="ni un classeur Excel"):
        parse_offers(path, "csv")
