"""The one text normaliser: French text folded for comparisons, whoever compares (company and
offer duplicates, the place and job autocompletes, import headers, the job-title model)."""

import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "ʼ": "'"})


def _slow_fold(lowered: str) -> str:
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# The Latin-1 and Latin Extended-A letters folded once (the same result, a table lookup):
# folding the 13,120 official job titles and every title of a 20,000-person file stays cheap.
_LATIN = str.maketrans({chr(c): _slow_fold(chr(c)) for c in range(0xC0, 0x180)
                        if chr(c).lower() == chr(c)})


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, typographic apostrophes made plain:
    `Cœur d’Œuvre Émile` -> `coeur d'oeuvre emile`."""
    lowered = text.translate(LIGATURES).lower()
    if lowered.isascii():
        return lowered
    lowered = lowered.translate(_LATIN)
    return lowered if lowered.isascii() else _slow_fold(lowered)
