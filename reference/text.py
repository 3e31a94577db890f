"""The one text normaliser: French text folded for comparisons, whoever compares (company and
offer duplicates, the place and job autocompletes, import headers, the job-title model)."""

import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, typographic apostrophes made plain:
    `Cœur d’Œuvre Émile` -> `coeur d'oeuvre emile`."""
    lowered = text.translate(LIGATURES).lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
