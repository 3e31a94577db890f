"""Profile imports: the documented caseload CSV or exchange JSON, never with identity data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ingestion.csvformat import SCHEDULE_COLUMNS, CsvRow, column_key, plain, read_table
from ingestion.pipeline import Candidate, Loaded, from_table, run_import
from ingestion.places import ImportLookup, row_commune, row_postal_code
from ingestion.report import ImportFileError, ImportResult
from ingestion.sources import Source, json_records, read_json
from matching.exchange import profile_from_dict, profile_to_dict

# CSV column -> exchange field (dotted path).
CSV_COLUMNS = {
    "reference": "id", "commune_insee": "commune", "commune": "commune", "code_postal": "postal_code",
    "codes_rome": "target_rome_codes", "intitules_vises": "target_titles",
    "experience": "experience_months", "modes": "mobility.modes",
    "temps_max_min": "mobility.max_minutes", "km_max": "mobility.max_km",
    "permis": "driving_licence", "vehicule": "vehicle",
    "heures_min": "availability.min_hours_per_week",
    "heures_max": "availability.max_hours_per_week", "nuit": "availability.night",
    "week_end": "availability.weekend", "tot_le_matin": "availability.early_morning",
    "coupure": "availability.split_shift", "garde_enfants": "childcare_constraint",
    "disponible_le": "available_from", "parcours": "parcours",
    "consentement": "consent_promotion",
}
MODE_WORDS = {
    "marche": "walk", "a_pied": "walk", "pied": "walk", "velo": "bike",
    "transports": "public_transport", "transports_en_commun": "public_transport",
    "tc": "public_transport", "bus": "public_transport", "voiture": "car",
    "covoiturage": "carpool", "deux_roues": "two_wheeler", "2_roues": "two_wheeler",
    "scooter": "two_wheeler", "moto": "two_wheeler",
}
PARCOURS_WORDS = {"socio_professionnel": "socio_pro", "socioprofessionnel": "socio_pro"}
EXPERIENCE_ITEM = re.compile(r"^([A-Na-n]\d{4})\s*:\s*(\d+)\s*(?:mois)?$")
# Words of a column or key that carry a person's identity, health or contact details.
IDENTITY_WORDS = frozenset({
    "nom", "prenom", "prenoms", "naissance", "age", "sexe", "genre", "civilite",
    "nationalite", "sante", "handicap", "rqth", "nir", "securite", "adresse", "telephone",
    "tel", "email", "courriel", "mail", "name", "firstname", "lastname", "surname", "birth",
    "birthdate", "sex", "gender", "nationality", "health", "disability", "address", "phone",
})


def identity_fields(names: Iterable[str]) -> list[str]:
    """The names among `names` (columns or JSON keys) that would carry identity data."""
    return [name for name in names
            if IDENTITY_WORDS.intersection(column_key(name).split("_"))]


def refuse_identity(names: Iterable[str], where: str) -> None:
    """Refuse the whole file when it holds identity columns or keys."""
    found = identity_fields(names)
    if found:
        raise ImportFileError(
            f"{where} contient des données d'identité interdites dans un profil "
            f"({', '.join(found)}) : retirez ces colonnes, l'identité reste dans le dossier "
            "du Département ou de France Travail"
        )


def _modes(row: CsvRow) -> list[str]:
    modes = []
    for word in row.items("modes", commas=True):
        mode = MODE_WORDS.get(re.sub(r"[^a-z0-9]+", "_", plain(word)).strip("_"))
        if mode is None:
            row.fail("modes", f"mode « {word} » inconnu (marche, velo, transports, voiture, "
                              "covoiturage, deux_roues)")
        elif mode not in modes:
            modes.append(mode)
    return modes


def _experience(row: CsvRow) -> dict[str, int]:
    months: dict[str, int] = {}
    for item in row.items("experience", commas=True):
        match = EXPERIENCE_ITEM.match(item)
        if match is None:
            row.fail("experience", f"« {item} » n'est pas de la forme CODE:mois (ex. K2204:18)")
        else:
            months[match.group(1).upper()] = int(match.group(2))
    return months


def _parcours(row: CsvRow) -> str | None:
    text = row.text("parcours")
    if text is None:
        return None
    key = re.sub(r"[^a-z0-9]+", "_", plain(text)).strip("_")
    return PARCOURS_WORDS.get(key, key)


def csv_profile(row: CsvRow, referential: ImportLookup) -> dict[str, Any]:
    """One row of the caseload CSV as an exchange dict."""
    reference = row.text("reference")
    commune = row_commune(row, referential)
    postal_code = row_postal_code(row, referential, commune)
    return {
        "id": reference,
        "commune": commune,
        **({"postal_code": postal_code} if postal_code else {}),
        "target_rome_codes": [code.upper() for code in row.items("codes_rome", commas=True)],
        "target_titles": row.items("intitules_vises"),
        "experience_months": _experience(row),
        "mobility": {"modes": _modes(row),
                     "max_minutes": row.number("temps_max_min", integer=True, units=("min",)),
                     "max_km": row.number("km_max", units=("km",))},
        "driving_licence": row.boolean("permis"),
        "vehicle": row.boolean("vehicule"),
        "availability": {
            "min_hours_per_week": row.number("heures_min", units=("h",)),
            "max_hours_per_week": row.number("heures_max", units=("h",)),
            **{flag: row.boolean(column) for column, flag in SCHEDULE_COLUMNS.items()},
        },
        "childcare_constraint": row.boolean("garde_enfants"),
        "available_from": row.date("disponible_le"),
        "parcours": _parcours(row),
        "consent_promotion": row.boolean("consentement"),
        "source": {"format": "csv", "reference": reference},
    }


def _from_csv(source: Source, referential: ImportLookup) -> Loaded:
    table = read_table(source, CSV_COLUMNS)
    refuse_identity(table.headers, "le fichier")
    table.require("reference")
    return from_table(table, CSV_COLUMNS, referential, csv_profile)


def _from_json(source: Source, referential: ImportLookup) -> Loaded:
    records = json_records(read_json(source), "profiles")
    for position, raw in enumerate(records, start=1):
        if isinstance(raw, dict):
            refuse_identity(raw, f"l'enregistrement {position}")
    return [Candidate(position, raw) for position, raw in enumerate(records, start=1)], {}, []


READERS = {"csv": _from_csv, "xlsx": _from_csv, "json": _from_json}


def parse_profiles(source: Source, fmt: str,
                   referential: ImportLookup | None = None) -> ImportResult:
    """Convert a profiles file (`csv` or `json`) into checked exchange records."""
    return run_import(source, fmt, READERS, profile_from_dict, profile_to_dict, referential)
