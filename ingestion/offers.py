"""Offer imports: France Travail JSON, the documented offers CSV, or exchange JSON."""

from __future__ import annotations

from typing import Any

from ingestion import francetravail
from ingestion.csvformat import SCHEDULE_COLUMNS, CsvRow, plain, read_table
from ingestion.pipeline import Candidate, Loaded, from_table, run_import
from ingestion.places import ImportLookup, row_commune, row_postal_code
from ingestion.report import FieldProblem, ImportResult
from ingestion.siret import normalise_siret, siret_problem
from ingestion.sources import Source, json_records, read_json
from ingestion.urls import web_url_problem
from matching.exchange import offer_from_dict, offer_to_dict

# CSV column -> exchange field (dotted path); extras (description...) are additional keys.
CSV_COLUMNS = {
    "reference": "id", "intitule": "title", "code_rome": "rome_code",
    "commune_insee": "commune", "commune": "commune", "contrat": "contract", "code_postal": "postal_code",
    "heures_semaine": "hours_per_week", "nuit": "schedule.night",
    "week_end": "schedule.weekend", "tot_le_matin": "schedule.early_morning",
    "coupure": "schedule.split_shift", "permis_requis": "requires_driving_licence",
    "vehicule_requis": "requires_vehicle", "date_debut": "start_date", "postes": "positions",
    "immersion_possible": "immersion_possible", "employeur": "employer.name",
    "siret": "employer.siret", "description": "description", "salaire": "salary",
    "competences": "skills", "date_fin": "end_date",
}
CONTRACT_WORDS = {
    "interim": "MIS", "mission interim": "MIS", "saisonnier": "SAI", "alternance": "ALT",
    "apprentissage": "ALT", "professionnalisation": "ALT", "cddi": "IAE",
    "clause sociale": "CLAUSE", "immersion": "PMSMP",
}


def contract_code(text: str | None) -> str | None:
    """The exchange contract code for a cell: `CDI`, `intérim` -> `MIS`, `alternance` -> `ALT`."""
    if text is None:
        return None
    return CONTRACT_WORDS.get(plain(text), text.strip().upper())


def _csv_employer(row: CsvRow) -> dict[str, str | None] | None:
    name, siret = row.text("employeur"), row.text("siret")
    if siret and (problem := siret_problem(siret)):
        row.fail("siret", problem)
    if not (name or siret):
        return None
    return {"name": name, "siret": normalise_siret(siret) if siret else None}


def csv_offer(row: CsvRow, referential: ImportLookup) -> dict[str, Any]:
    """One row of the offers CSV as an exchange dict (plus extras)."""
    reference = row.text("reference")
    commune = row_commune(row, referential)
    postal_code = row_postal_code(row, referential, commune)
    return {
        "id": reference,
        "title": row.text("intitule"),
        "rome_code": (row.text("code_rome") or "").upper() or None,
        "commune": commune,
        **({"postal_code": postal_code} if postal_code else {}),
        "contract": contract_code(row.text("contrat")),
        "hours_per_week": row.number("heures_semaine", units=("h",)),
        "schedule": {flag: row.boolean(column) for column, flag in SCHEDULE_COLUMNS.items()},
        "requires_driving_licence": row.boolean("permis_requis"),
        "requires_vehicle": row.boolean("vehicule_requis"),
        "start_date": row.date("date_debut"),
        "positions": row.number("postes", integer=True),
        "immersion_possible": row.boolean("immersion_possible"),
        "employer": _csv_employer(row),
        "description": row.text("description"),
        "salary": row.text("salaire"),
        "skills": row.items("competences"),
        "end_date": row.date("date_fin"),
        "source": {"format": "csv", "reference": reference},
    }


def _from_csv(source: Source, referential: ImportLookup) -> Loaded:
    table = read_table(source, CSV_COLUMNS)
    table.require("reference", "intitule")
    return from_table(table, CSV_COLUMNS, referential, csv_offer)


def _from_francetravail(source: Source, referential: ImportLookup) -> Loaded:
    records = json_records(read_json(source), "resultats")
    candidates = [Candidate(position, *francetravail.convert_offer(raw, referential))
                  for position, raw in enumerate(records, start=1)]
    return _check_urls(candidates, "origineOffre.urlOrigine"), francetravail.SOURCE_FIELDS, []


def _from_json(source: Source, referential: ImportLookup) -> Loaded:
    records = json_records(read_json(source), "offers")
    candidates = [Candidate(position, raw) for position, raw in enumerate(records, start=1)]
    return _check_urls(candidates, "source.url"), {}, []


def _check_urls(candidates: list[Candidate], field: str) -> list[Candidate]:
    """Refuse a row whose origin link is not http(s) (a `javascript:` link would run a script)."""
    for candidate in candidates:
        source = candidate.data.get("source") if isinstance(candidate.data, dict) else None
        url = source.get("url") if isinstance(source, dict) else None
        if url is not None and not isinstance(url, str):
            candidate.problems.append(FieldProblem(field, "lien vers l'offre d'origine : texte attendu"))
        elif url and (problem := web_url_problem(url)):
            candidate.problems.append(FieldProblem(field, problem))
    return candidates


READERS = {"francetravail": _from_francetravail, "csv": _from_csv, "xlsx": _from_csv, "json": _from_json}


def parse_offers(source: Source, fmt: str,
                 referential: ImportLookup | None = None) -> ImportResult:
    """Convert an offers file (`francetravail`, `csv` or `json`) into checked exchange records."""
    return run_import(source, fmt, READERS, offer_from_dict, offer_to_dict, referential)
