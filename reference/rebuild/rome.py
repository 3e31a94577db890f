"""Build rome.csv, rome_domains.csv, naf.csv and naf_rome.csv from the France Travail JSON."""

from __future__ import annotations

import json
import re

from reference.rebuild.labels_data import (
    DOMAINES_PROFESSIONNELS,
    GRANDS_DOMAINES,
    restore_naf_accents,
)

ROME_HEADER = ("code", "label")
DOMAINS_HEADER = ("code", "label")
NAF_HEADER = ("code", "label")
NAF_ROME_HEADER = ("naf_division", "rome_code")
TRANSVERSE_SECTOR = "0"  # "Transverse aux secteurs": no NAF division, carries no code


def _sectors(secteurs_json: bytes) -> dict[str, dict]:
    return json.loads(secteurs_json)


def build_rome_rows(secteurs_json: bytes) -> list[list[str]]:
    """Every distinct ROME code with its label, sorted by code."""
    labels: dict[str, str] = {}
    for sector in _sectors(secteurs_json).values():
        for entry in sector["codes_rome"]:
            label = re.sub(r"\s+", " ", entry["libelle"]).strip()
            if labels.setdefault(entry["code"], label) != label:
                raise ValueError(f"two labels for {entry['code']}")
    return sorted([code, label] for code, label in labels.items())


def build_domain_rows(rome_rows: list[list[str]]) -> list[list[str]]:
    """Grand domaines (1 letter) and domaines professionnels (3 characters) used by ROME codes."""
    letters = sorted({code[0] for code, _ in rome_rows})
    prefixes = sorted({code[:3] for code, _ in rome_rows})
    missing = [
        key
        for key in letters + prefixes
        if key not in GRANDS_DOMAINES and key not in DOMAINES_PROFESSIONNELS
    ]
    if missing:
        raise ValueError(f"no label for ROME domains {missing}")
    rows = [[letter, GRANDS_DOMAINES[letter]] for letter in letters]
    rows += [[prefix, DOMAINES_PROFESSIONNELS[prefix]] for prefix in prefixes]
    return sorted(rows)


def build_naf_rows(secteurs_json: bytes) -> list[list[str]]:
    """NAF rév. 2 divisions (2 digits) named in the file, with accented labels."""
    return sorted(
        [key.zfill(2), restore_naf_accents(sector["libelle"])]
        for key, sector in _sectors(secteurs_json).items()
        if key != TRANSVERSE_SECTOR
    )


def build_naf_rome_rows(secteurs_json: bytes) -> list[list[str]]:
    """(NAF division, ROME code) pairs: the file lists, per division, the ROME codes it employs."""
    pairs = {
        (key.zfill(2), entry["code"])
        for key, sector in _sectors(secteurs_json).items()
        if key != TRANSVERSE_SECTOR
        for entry in sector["codes_rome"]
    }
    return sorted([division, code] for division, code in pairs)
