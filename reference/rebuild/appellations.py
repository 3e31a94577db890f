"""Build appellations.csv from France Travail's ROME 4.0 open data (RefRomeCsv v460)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from reference.text import fold

APPELLATIONS_HEADER = ("code_ogr", "label", "rome_code")


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def build_appellation_rows(appellations_csv: bytes, rome_codes: set[str]) -> list[list[str]]:
    """Every official job title with its ROME code, sorted by its OGR number.

    Only the long label is kept (the short one is an abbreviation of it) and the code is the
    appellation's own `code_rome` (France Travail's coding of the title), which must be a code of
    rome.csv. The rare-use flag and the transition flags are left out.
    """
    rows = []
    for entry in _rows(appellations_csv):
        code = entry["code_rome"]
        if code not in rome_codes:
            raise ValueError(f"appellation {entry['code_ogr']}: unknown ROME code {code}")
        label = re.sub(r"\s+", " ", entry["libelle_appellation_long"]).strip()
        rows.append([entry["code_ogr"], label, code])
    if len({row[0] for row in rows}) != len(rows):
        raise ValueError("repeated code_ogr in the appellations")
    return sorted(rows, key=lambda row: int(row[0]))


def _plain(text: str) -> str:
    return fold(text).casefold()


def official_domain_labels(official_csv: bytes, kept: Mapping[str, str]) -> dict[str, str]:
    """Grand domaine and domaine labels of the ROME open data, keyed by code.

    Where the hand-kept label (`labels_data.py`) is the same words up to case and accents, it is
    kept for its typography ("Études", "Second œuvre"); otherwise the official label wins (v460
    renamed G15, G17, L13, L15 and N44).
    """
    labels: dict[str, str] = {}
    for entry in _rows(official_csv):
        for code, label in ((entry["code_grand_domaine"], entry["libelle_grand_domaine"]),
                            (entry["code_domaine_professionel"],
                             entry["libelle_domaine_professionel"])):
            label = re.sub(r"\s+", " ", label).strip()
            if labels.setdefault(code, label) != label:
                raise ValueError(f"two official labels for ROME domain {code}")
    return {code: kept[code] if code in kept and _plain(kept[code]) == _plain(label) else label
            for code, label in labels.items()}
