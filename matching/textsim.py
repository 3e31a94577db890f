"""Job-title text similarity: TF-IDF on character n-grams over the ROME job terms.

The TF-IDF model is scikit-learn's `TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4),
sublinear_tf=True)` written out on scipy.sparse (`CharTfidf`, the same vectors, checked by
tests/matching/test_textsim.py): importing scikit-learn cost `python -m matching rank` more
time than ranking 20,000 people did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from reference.text import fold

# Gender markers carry no meaning for the job: "Agent d'entretien H/F", "(F/H)", "h-f".
_GENDER_MARKER = re.compile(r"\(?\b[hf]\s*[/-]\s*[hf]\b\)?")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Character n-grams from 2 to 4 inside word boundaries: long enough to tell "vie" from
# "ville", short enough to survive typos, plurals and feminine endings ("agente").
NGRAM_RANGE = (2, 4)
# Similarities below this floor are never worth keeping (pools index only those above it).
TEXT_SIMILARITY_FLOOR = 0.2
# Similarities are rounded to this many decimals, so that summation order never matters.
SIMILARITY_DECIMALS = 4


def normalize_title(text: str) -> str:
    """Lower case, no accents, no gender marker, words separated by single spaces."""
    plain = fold(text)
    return _NON_WORD.sub(" ", _GENDER_MARKER.sub(" ", plain)).strip()


def quantize(similarity: np.ndarray | float) -> np.ndarray | float:
    """Round similarities to SIMILARITY_DECIMALS (the same arithmetic everywhere)."""
    scale = 10.0 ** SIMILARITY_DECIMALS
    return np.floor(similarity * scale + 0.5) / scale


def char_ngrams(text: str, low: int = NGRAM_RANGE[0], high: int = NGRAM_RANGE[1]) -> list[str]:
    """Character n-grams inside word boundaries (scikit-learn's "char_wb" analyzer)."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # a short word counts once, whole
                grams.append(padded)
                break
            grams.extend(padded[i:i + n] for i in range(size - n + 1))
    return grams


class CharTfidf:
    """TF-IDF on character n-grams: sublinear term frequency, smoothed IDF, L2 rows."""

    def __init__(self, texts: Sequence[str]):
        grams = [char_ngrams(t) for t in texts]
        vocabulary = sorted({g for gs in grams for g in gs})
        self.vocabulary = {g: i for i, g in enumerate(vocabulary)}
        counts = self._counts(grams)
        df = np.bincount(counts.indices, minlength=len(vocabulary)) + 1
        self.idf = np.log((len(texts) + 1) / df) + 1.0
        self._fitted = (list(texts), counts)

    def _counts(self, grams: Sequence[list[str]]) -> Any:
        columns: list[int] = []
        indptr = [0]
        get = self.vocabulary.get
        for text_grams in grams:
            columns.extend([j for j in map(get, text_grams) if j is not None])
            indptr.append(len(columns))
        matrix = sparse.csr_matrix(
            (np.ones(len(columns)), np.array(columns, dtype=np.int32), np.array(indptr)),
            shape=(len(grams), len(self.vocabulary)))
        matrix.sum_duplicates()  # sorted columns, one per n-gram with its count
        return matrix

    def transform(self, texts: Sequence[str]) -> Any:
        """L2-normalised TF-IDF rows (CSR), one per text; each distinct text computed once."""
        distinct = list(dict.fromkeys(texts))
        if len(distinct) < len(texts):
            at = {text: i for i, text in enumerate(distinct)}
            return self._weighted(self._counts([char_ngrams(t) for t in distinct]))[
                [at[t] for t in texts]]
        if self._fitted[0] == list(texts):
            return self._weighted(self._fitted[1].copy())
        return self._weighted(self._counts([char_ngrams(t) for t in texts]))

    def _weighted(self, matrix: Any) -> Any:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf[matrix.indices]
        squares = matrix.multiply(matrix).sum(axis=1).A.ravel()
        norms = np.sqrt(squares)
        norms[norms == 0.0] = 1.0
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
        return matrix

    def fit_transform(self, texts: Sequence[str]) -> Any:
        """transform() of the texts the model was built on."""
        return self.transform(texts)


class JobText:
    """A TF-IDF model fitted on every ROME job term, with each term's ROME code index."""

    def __init__(self, terms: Sequence[str], term_codes: Sequence[int], n_codes: int):
        order = np.argsort(np.asarray(term_codes), kind="stable")
        self.terms = tuple(normalize_title(terms[i]) for i in order)
        self.term_codes = np.asarray(term_codes, dtype=np.int32)[order]
        missing = np.setdiff1d(np.arange(n_codes), self.term_codes)
        if missing.size:
            raise ValueError(f"{missing.size} codes ROME sans aucun libellé")
        self.code_starts = np.searchsorted(self.term_codes, np.arange(n_codes))
        self.vectorizer = CharTfidf(self.terms)
        self.term_vectors = self.vectorizer.fit_transform(self.terms)
        self._terms_by_ngram = self.term_vectors.T.tocsr()

    def vectorize(self, texts: Sequence[str]) -> Any:
        """L2-normalised TF-IDF rows for raw texts."""
        if not texts:
            return self.term_vectors[:0]
        return self.vectorizer.transform([normalize_title(t) for t in texts])

    def term_similarity(self, queries: Any) -> np.ndarray:
        """Cosine similarity of each query row to every term (dense, queries x terms)."""
        return (queries @ self._terms_by_ngram).toarray()

    def code_similarity(self, queries: Any) -> np.ndarray:
        """Best similarity of each query row to any term of each ROME code, quantized."""
        by_term = self.term_similarity(queries)
        return quantize(np.maximum.reduceat(by_term, self.code_starts, axis=1))

    def similarity_to_codes(self, queries: Any, codes: Sequence[int]) -> np.ndarray:
        """Like code_similarity, for a few codes only (queries x len(codes)), quantized."""
        out = np.zeros((queries.shape[0], len(codes)))
        ends = np.append(self.code_starts[1:], self.term_codes.size)
        for j, code in enumerate(codes):
            terms = self.term_vectors[self.code_starts[code]:ends[code]]
            out[:, j] = (queries @ terms.T).toarray().max(axis=1)
        return quantize(out)

    @staticmethod
    def pairwise(left: Any, right: Any) -> np.ndarray:
        """Quantized cosine similarity between two sets of vectorised texts."""
        return quantize((left @ right.T).toarray())
