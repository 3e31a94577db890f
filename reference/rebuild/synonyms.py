"""Build rome_synonyms.csv from the hand-kept lists, checking every code against rome.csv."""

from __future__ import annotations

from reference.rebuild.synonyms_data import EVERYDAY_TERMS, ROME_V3_TITLES

SYNONYMS_HEADER = ("term", "rome_code")


def build_synonym_rows(rome_codes: set[str]) -> list[list[str]]:
    """Every (term, code) pair once, sorted case-insensitively by term then code."""
    pairs = EVERYDAY_TERMS + ROME_V3_TITLES
    unknown = sorted({code for _, code in pairs if code not in rome_codes})
    if unknown:
        raise ValueError(f"synonym codes missing from rome.csv: {unknown}")
    if len(set(pairs)) != len(pairs):
        repeated = sorted({pair for pair in pairs if pairs.count(pair) > 1})
        raise ValueError(f"synonym pairs listed twice: {repeated}")
    return sorted(([term, code] for term, code in pairs), key=lambda row: (row[0].casefold(), row))
