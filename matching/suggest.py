"""Free-text job title to ROME code: TF-IDF and rapidfuzz over every label and synonym."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from matching.textsim import JobText, normalize_title

# TF-IDF keeps the terms sharing the most n-grams with the title ...
TFIDF_SHORTLIST = 150
# ... rapidfuzz's plain edit ratio adds the closest spellings over all terms (typos that
# TF-IDF scores low; the plain ratio is 30 times cheaper than WRatio over every term) ...
FUZZY_SHORTLIST = 30
# ... and each shortlisted term is scored 100 x (share x cosine + (1 - share) x fuzzy/100):
# the cosine rewards shared word pieces, WRatio rewards a term contained in the title
# ("Agent d'entretien H/F polyvalent" contains "agent d'entretien").
TFIDF_SHARE = 0.5
# A title gets a code without confirmation only when the best code scores at least this ...
CLEAR_MIN_SCORE = 70.0
# ... and leads the next code by this margin; otherwise: "code ROME à confirmer".
CLEAR_MIN_MARGIN = 5.0
TO_CONFIRM = "code ROME à confirmer"


@dataclass(frozen=True)
class Suggestion:
    """A ROME code proposed for a title, scored 0-100."""

    code: str
    label: str
    score: float


@dataclass(frozen=True)
class RomeInference:
    """The code given to an offer from its title, or None when it must be confirmed."""

    code: str | None
    suggestions: tuple[Suggestion, ...]

    @property
    def to_confirm(self) -> bool:
        """True when no suggestion was clear enough to be used."""
        return self.code is None


class RomeSuggester:
    """Ranks ROME codes for a free-text title."""

    def __init__(self, text: JobText, codes: Sequence[str], labels: Mapping[str, str]):
        self.text = text
        self.codes = tuple(codes)
        self.labels = labels

    def _term_scores(self, title: str) -> tuple[np.ndarray, np.ndarray]:
        query = normalize_title(title)
        if not query:
            return np.empty(0, dtype=np.int64), np.empty(0)
        cosine = self.text.term_similarity(self.text.vectorize([title]))[0]
        limit = min(TFIDF_SHORTLIST, cosine.size)
        shortlist = np.argpartition(-cosine, limit - 1)[:limit]
        fuzzy_hits = process.extract(query, self.text.terms, scorer=fuzz.ratio,
                                     processor=None, limit=FUZZY_SHORTLIST)
        terms = np.union1d(shortlist, [index for _, _, index in fuzzy_hits])
        fuzzy = process.cdist([query], [self.text.terms[i] for i in terms],
                              scorer=fuzz.WRatio, processor=None)[0]
        return terms, 100.0 * (TFIDF_SHARE * cosine[terms] + (1 - TFIDF_SHARE) * fuzzy / 100)

    def suggest(self, title: str, limit: int = 5) -> list[Suggestion]:
        """Best codes for a title, highest score first (ties by code)."""
        terms, scores = self._term_scores(title)
        best: dict[int, float] = {}
        for code_index, score in zip(self.text.term_codes[terms].tolist(), scores.tolist()):
            best[code_index] = max(score, best.get(code_index, 0.0))
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.codes[item[0]]))
        return [Suggestion(self.codes[i], self.labels[self.codes[i]], round(score, 1))
                for i, score in ranked[:limit]]

    def infer(self, title: str) -> RomeInference:
        """The code for an offer that has none: the best one if it is clear, else None."""
        suggestions = tuple(self.suggest(title, limit=5))
        if not suggestions or suggestions[0].score < CLEAR_MIN_SCORE:
            return RomeInference(None, suggestions)
        runner_up = suggestions[1].score if len(suggestions) > 1 else 0.0
        clear = suggestions[0].score - runner_up >= CLEAR_MIN_MARGIN
        return RomeInference(suggestions[0].code if clear else None, suggestions)
