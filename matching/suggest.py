"""Free-text job title to ROME code, over France Travail's official job titles.

The index holds every official ROME 4.0 job title ("appellation", 13,120 of them) in its
masculine and feminine forms, the fiche labels, and the hand-written everyday synonyms
("femme de ménage", "ASH"). A title is matched in two steps:

1. exact: the title's words (lower case, no accents, no "H/F", no small words such as "de",
   no contract or schedule words) are those of an indexed title → that title's code, 100;
2. by words: each word of the title is matched to the index's words (the same word, a
   spelling one or two letters away, or a word it begins, for a title being typed), and each
   indexed title is scored on how much of the query it explains and how much of itself is
   matched, both weighted by word rarity (IDF): "plongeur" prefers "Plongeur en restauration"
   to "Plongeur subaquatique autonome", "femme de ménage" never meets "Sage-femme".

A code is ranked by its best title. Official titles come first: where a hand-written synonym
names the same words with another code (the synonym "aide à domicile" → K1302, the official
title → K1304), the synonym's code is kept as an alternative below.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from matching.textsim import normalize_title
from matching.title_model import TitleModel
from matching.title_noise import clean_words, previous_words
from reference.job_terms import split_gendered_label

# Words that say nothing about the job: articles and prepositions ...
STOPWORDS = frozenset({
    "a", "au", "aux", "avec", "d", "de", "des", "du", "dans", "e", "en", "et", "l", "la", "le",
    "les", "ou", "par", "pour", "s", "sur", "un", "une"})
# A query word matches an index word that it begins when it has at least this many letters
# (2 for the last word of a title being typed: "auxiliaire de vi") ...
PREFIX_MIN_LETTERS = 3
# ... and one at this edit ratio or closer (0-100), for words of 4 letters or more; short
# words need a closer spelling (one letter in "aides"/"aide", not "aide"/"aine").
FUZZY_MIN_RATIO = 80.0
FUZZY_MIN_RATIO_SHORT = 88.0
SHORT_WORD = 5
# Credit of a word matched by a prefix: PREFIX_BASE + (1 - PREFIX_BASE) x typed / full length.
PREFIX_BASE = 0.7
# Credit of a word matched by spelling: 1 - FUZZY_SLOPE x (1 - ratio/100), so a one-letter
# typo in a long word keeps most of its weight and a distant spelling ("aniere"/"sauniere",
# ratio 86) only a half.
FUZZY_SLOPE = 3.5
# Credit of a plural or a word that differs only by a final s/x.
PLURAL_CREDIT = 0.98
# A query word found nowhere in the index (a place, a company name) weighs this much against
# the coverage of every title (an index word weighs its IDF, 1.5 to 10).
UNKNOWN_WORD_WEIGHT = 1.0
# Score of a title = 100 x query coverage^QUERY_EXPONENT x title coverage^(1 - QUERY_EXPONENT),
# the geometric mean: a title must explain the query and be explained by it (tuned on the
# held-out evaluation, `python -m matching bench-suggest`: 0.4-0.7 change top-1 by < 1 point).
QUERY_EXPONENT = 0.5
# A code whose second-best title also matches closes this share of the gap between its best
# title's score and 100, in proportion to that second score (evidence; only exact matches
# reach 100).
CODE_SUPPORT = 0.5
# A code whose domaine (its first three characters) holds another matching code closes this
# share of the gap to 100 in proportion to that other code's score: when the best codes
# disagree but share a domaine, the domaine is the confident part of the answer. Chosen on a
# tuning split (every 10th appellation from the 6th, not the evaluation's split): 0.2 raises
# top-1 code and domaine and codes more titles at the threshold with the same precision;
# 0.4-0.6 raise top 1 further but shrink the leads, so fewer titles are coded by themselves.
DOMAIN_SUPPORT = 0.2
# A hand-written synonym that names exactly the words of an official title with another code.
SYNONYM_BELOW_OFFICIAL = 95.0
# The title model (matching/title_model.py) votes too: a code's score below 100 becomes
# (1 - MODEL_WEIGHT) x its lexical score + MODEL_WEIGHT x 100 x P(code | title), the
# model's log-likelihoods times MODEL_SHARPNESS, normalised over the codes. Exact matches keep
# 100. Chosen on the tuning split (every 10th appellation from the 6th, dressed as offers; not
# the evaluation's split): top 1 code 53.6 -> 61.8 %, domaine 72.2 -> 76.6 %; at 70 and a lead
# of 5, 69.7 % of those titles coded by themselves (lexical alone at 75: 54.9 %), 75.6 % of them
# with the right code (70.3 %) and 87.8 % the right domaine (84.7 %).
MODEL_WEIGHT = 0.3
MODEL_SHARPNESS = 0.7
# A title gets a code without confirmation only when the best code scores at least this ...
# (chosen on the same tuning split: the lowest threshold at which official titles held out of
# the index and dressed as offers are coded right at least 75 % of the time, with the most
# titles coded; titles in the index, most offer titles, score 100 either way)
CLEAR_MIN_SCORE = 70.0
# ... and leads the next code by this margin; otherwise: "code ROME à confirmer".
CLEAR_MIN_MARGIN = 5.0
TO_CONFIRM = "code ROME à confirmer"


@dataclass(frozen=True)
class Suggestion:
    """A ROME code proposed for a title, scored 0-100, with the indexed title that matched."""

    code: str
    label: str
    score: float
    term: str = ""

    def to_dict(self) -> dict[str, object]:
        """The exchange format's fields (spec: code, label, score)."""
        return {"code": self.code, "label": self.label, "score": self.score}


@dataclass(frozen=True)
class RomeInference:
    """The code given to an offer from its title, or None when it must be confirmed."""

    code: str | None
    suggestions: tuple[Suggestion, ...]

    @property
    def to_confirm(self) -> bool:
        """True when no suggestion was clear enough to be used."""
        return self.code is None


@dataclass(frozen=True)
class IndexedTitle:
    """One searchable form: its text as shown, its ROME code, official or hand-written."""

    text: str
    code: str
    official: bool


def title_words(text: str, clean: bool = True) -> list[str]:
    """The words of a title that can name a job, in order, abbreviations written out
    (matching/title_noise.py); `clean=False`: the previous rule, for the evaluation."""
    words = normalize_title(text).split()
    return clean_words(words, STOPWORDS) if clean else previous_words(words, STOPWORDS)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


class RomeSuggester:
    """Ranks ROME codes for a free-text title."""

    def __init__(self, titles: Sequence[IndexedTitle], codes: Sequence[str],
                 labels: Mapping[str, str], clean: bool = True, model: bool = True):
        self.clean = clean
        self.codes = tuple(codes)
        self.labels = labels
        code_index = {code: i for i, code in enumerate(self.codes)}
        order = sorted(range(len(titles)), key=lambda i: (code_index[titles[i].code], i))
        self.titles = [titles[i] for i in order]
        self.title_codes = np.array([code_index[t.code] for t in self.titles], dtype=np.int32)
        words = [title_words(t.text, clean) for t in self.titles]
        self.vocabulary = sorted({w for ws in words for w in ws})
        self.word_index = {w: i for i, w in enumerate(self.vocabulary)}
        self.word_lengths = np.array([len(w) for w in self.vocabulary], dtype=np.float64)
        self.by_singular: dict[str, list[int]] = {}
        for i, w in enumerate(self.vocabulary):
            self.by_singular.setdefault(_singular(w), []).append(i)
        rows = [i for i, ws in enumerate(words) for _ in set(ws)]
        cols = [self.word_index[w] for ws in words for w in set(ws)]
        presence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                     shape=(len(self.titles), len(self.vocabulary)))
        df = np.asarray(presence.sum(axis=0)).ravel()
        self.idf = np.log1p(len(self.titles) / np.maximum(df, 1.0))
        self.presence = presence.tocsc()
        self.weighted = presence.multiply(self.idf).tocsr()
        self.title_weight = np.asarray(self.weighted.sum(axis=1)).ravel()
        self.exact: dict[tuple[str, ...], dict[int, float]] = {}
        official_keys = {_key(ws) for t, ws in zip(self.titles, words) if t.official}
        # A synonym naming an official title's words scores at most SYNONYM_BELOW_OFFICIAL.
        self.title_cap = np.full(len(self.titles), 100.0)
        self.title_official = np.array([t.official for t in self.titles], dtype=bool)
        for i, (t, ws, code) in enumerate(zip(self.titles, words, self.title_codes.tolist())):
            if not ws:
                continue
            key = _key(ws)
            if not t.official and key in official_keys:
                self.title_cap[i] = SYNONYM_BELOW_OFFICIAL
            hits = self.exact.setdefault(key, {})
            hits[code] = max(float(self.title_cap[i]), hits.get(code, 0.0))
        starts = np.searchsorted(self.title_codes, np.arange(len(self.codes)))
        if np.any(np.diff(np.append(starts, len(self.titles))) == 0):
            raise ValueError("codes ROME sans aucun intitulé")
        self.code_starts = starts
        domains = [code[:3] for code in self.codes]
        self.domain_starts = np.array([i for i, d in enumerate(domains) if i == 0 or d != domains[i - 1]])
        self.code_domain = np.cumsum([i > 0 and d != domains[i - 1] for i, d in enumerate(domains)])
        self.model = TitleModel(words, self.title_codes, len(self.codes)) if model else None

    def _word_matches(self, word: str, last: bool) -> tuple[np.ndarray, np.ndarray]:
        """Index words a query word stands for (ids) with the credit (0-1] of each."""
        ids: list[int] = []
        credits: list[float] = []
        exact = self.word_index.get(word)
        if exact is not None:
            ids.append(exact)
            credits.append(1.0)
        for i in self.by_singular.get(_singular(word), ()):
            ids.append(i)
            credits.append(PLURAL_CREDIT)
        if len(word) >= 4:
            cutoff = FUZZY_MIN_RATIO_SHORT if len(word) <= SHORT_WORD else FUZZY_MIN_RATIO
            for _, ratio, i in process.extract(word, self.vocabulary, scorer=fuzz.ratio,
                                               score_cutoff=cutoff, limit=None):
                ids.append(i)
                credits.append(1.0 - FUZZY_SLOPE * (1.0 - ratio / 100.0))
        all_ids = np.array(ids, dtype=np.int64)
        all_credits = np.array(credits)
        if len(word) >= PREFIX_MIN_LETTERS or (last and len(word) >= 2):
            start = bisect.bisect_left(self.vocabulary, word)
            end = bisect.bisect_left(self.vocabulary, word + "\uffff")
            prefix_credits = PREFIX_BASE + (1 - PREFIX_BASE) * len(word) / self.word_lengths[start:end]
            all_ids = np.concatenate([all_ids, np.arange(start, end)])
            all_credits = np.concatenate([all_credits, prefix_credits])
        if all_ids.size == 0:
            return all_ids, all_credits
        order = np.lexsort((-all_credits, all_ids))  # by id, best credit first
        all_ids, all_credits = all_ids[order], all_credits[order]
        first = np.ones(all_ids.size, dtype=bool)
        first[1:] = all_ids[1:] != all_ids[:-1]
        return all_ids[first], all_credits[first]

    def _title_scores(self, words: list[str]) -> tuple[np.ndarray, list[str]]:
        """Score 0-100 of every indexed title for the query words, and the words as understood
        (each one's best match in the index: « auxilaire » → « auxiliaire », or itself)."""
        n_titles = len(self.titles)
        explained = np.zeros(n_titles)
        query_weight = 0.0
        best_credit = np.zeros(len(self.vocabulary))
        understood = []
        for position, word in enumerate(words):
            ids, credits = self._word_matches(word, last=position == len(words) - 1)
            if ids.size == 0:
                query_weight += UNKNOWN_WORD_WEIGHT
                understood.append(word)
                continue
            # The query word weighs what its best match weighs (a typo keeps the word's rarity).
            best = int(ids[np.argmax(credits)])
            understood.append(self.vocabulary[best])
            weight = float(self.idf[best])
            query_weight += weight
            covered = np.zeros(n_titles)
            block = self.presence[:, ids]
            for j in range(ids.size):
                column = block.indices[block.indptr[j]:block.indptr[j + 1]]
                np.maximum.at(covered, column, credits[j])
            explained += weight * covered
            np.maximum.at(best_credit, ids, credits)
        if query_weight == 0.0:
            return np.zeros(n_titles), understood
        query_coverage = explained / query_weight
        title_coverage = (self.weighted @ best_credit) / self.title_weight
        scores = 100.0 * (query_coverage ** QUERY_EXPONENT) * (title_coverage ** (1 - QUERY_EXPONENT))
        return np.minimum(scores, self.title_cap), understood

    def suggest(self, title: str, limit: int = 5) -> list[Suggestion]:
        """Best codes for a title, highest score first (ties by code), each with its best title."""
        # An official title pasted whole ("Berger / Bergère") is searched in its first form.
        forms = split_gendered_label(clean_spaces(title))
        words = title_words(forms[0] if forms is not None else title, self.clean)
        if not words:
            return []
        scores, understood = self._title_scores(words)
        code_scores = np.maximum.reduceat(scores, self.code_starts)
        is_best = scores >= code_scores[self.title_codes]
        # The cap and officialness of each code's best title (ties: the most favourable).
        code_cap = np.maximum.reduceat(np.where(is_best, self.title_cap, 0.0), self.code_starts)
        code_official = np.maximum.reduceat(is_best & self.title_official, self.code_starts)
        if CODE_SUPPORT:
            # A code whose other titles also match is a safer guess than a lone title's code.
            others = np.maximum.reduceat(np.where(is_best, 0.0, scores), self.code_starts)
            gap = 100.0 - code_scores
            supported = np.minimum(code_scores + CODE_SUPPORT * gap * others / 100.0, 99.9)
            code_scores = np.where(code_scores >= 100.0, 100.0, supported)
        if DOMAIN_SUPPORT:
            code_scores = self._domain_supported(code_scores)
        code_scores = np.minimum(code_scores, np.maximum(code_cap, 0.0))
        code_scores = self._model_blended(understood, code_scores, code_cap)
        for exact_code, exact_score in self.exact.get(_key(words), {}).items():
            code_scores[exact_code] = max(code_scores[exact_code], exact_score)
            code_official[exact_code] |= exact_score >= 100.0
        # Ties (to one decimal): official titles before hand-written synonyms, then code order.
        rounded = np.round(code_scores, 1)
        order = np.lexsort((np.arange(rounded.size), ~code_official, -rounded))
        ranked = [int(i) for i in order[:limit] if rounded[i] > 0]
        ends = np.append(self.code_starts[1:], len(self.titles))
        out = []
        for i in ranked[:limit]:
            start, end = self.code_starts[i], ends[i]
            preference = scores[start:end] + 1e-6 * self.title_official[start:end]  # official first
            best_title = self.titles[start + int(np.argmax(preference))]
            out.append(Suggestion(self.codes[i], self.labels[self.codes[i]],
                                  round(float(min(code_scores[i], 100.0)), 1), best_title.text))
        return out

    def _model_blended(self, words: list[str], code_scores: np.ndarray,
                       code_cap: np.ndarray) -> np.ndarray:
        """Scores below 100 blended with the title model's probabilities for the words as the
        index understood them (see MODEL_WEIGHT)."""
        p = self.model.probabilities(words, MODEL_SHARPNESS) if self.model is not None else None
        if p is None:
            return code_scores
        blended = (1.0 - MODEL_WEIGHT) * code_scores + MODEL_WEIGHT * 100.0 * p
        capped = np.minimum(blended, np.where(code_cap > 0.0, code_cap, 99.9))
        return np.where(code_scores >= 100.0, 100.0, np.minimum(capped, 99.9))

    def _domain_supported(self, code_scores: np.ndarray) -> np.ndarray:
        """Each code's score raised by the best other code of its domaine (see DOMAIN_SUPPORT)."""
        best = np.maximum.reduceat(code_scores, self.domain_starts)
        is_best = code_scores >= best[self.code_domain]
        tied = np.add.reduceat(is_best.astype(np.int32), self.domain_starts) > 1
        second = np.maximum.reduceat(np.where(is_best, 0.0, code_scores), self.domain_starts)
        second = np.where(tied, best, second)
        other = np.where(is_best, second[self.code_domain], best[self.code_domain])
        supported = np.minimum(code_scores + DOMAIN_SUPPORT * (100.0 - code_scores) * other / 100.0, 99.9)
        return np.where(code_scores >= 100.0, 100.0, np.maximum(code_scores, supported))

    def infer(self, title: str) -> RomeInference:
        """The code for an offer that has none: the best one if it is clear, else None."""
        suggestions = tuple(self.suggest(title, limit=5))
        if not suggestions or suggestions[0].score < CLEAR_MIN_SCORE:
            return RomeInference(None, suggestions)
        runner_up = suggestions[1].score if len(suggestions) > 1 else 0.0
        clear = suggestions[0].score - runner_up >= CLEAR_MIN_MARGIN
        return RomeInference(suggestions[0].code if clear else None, suggestions)


def clean_spaces(text: str) -> str:
    """Single spaces around the words of a title."""
    return " ".join(text.split())


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words)))


class _Fiche:
    code: str
    label: str


class _Term:
    term: str
    rome_code: str


class _Appellation:
    label: str
    rome_code: str


def indexed_titles(terms: Iterable[_Term], appellations: Iterable[_Appellation],
                   official_kinds: frozenset[str] = frozenset({"label", "masculine", "feminine"}),
                   ) -> list[IndexedTitle]:
    """The searchable forms: fiche labels and their gender forms, synonyms, appellations."""
    titles: list[IndexedTitle] = []
    for appellation in appellations:  # first: a synonym repeating an official title drops
        forms = split_gendered_label(appellation.label)
        for form in forms if forms is not None else (appellation.label,):
            titles.append(IndexedTitle(form, appellation.rome_code, True))
    for term in terms:
        kind = getattr(term, "kind", "synonym")
        titles.append(IndexedTitle(term.term, term.rome_code, kind in official_kinds))
    seen: set[tuple[str, str]] = set()
    unique = []
    for t in titles:
        if (t.text.casefold(), t.code) not in seen:
            seen.add((t.text.casefold(), t.code))
            unique.append(t)
    return unique


def build_suggester(rome: Sequence[_Fiche], terms: Iterable[_Term],
                    appellations: Iterable[_Appellation], clean: bool = True,
                    model: bool = True) -> RomeSuggester:
    """A suggester over the fiches, their terms (labels, forms, synonyms) and appellations,
    with the title model trained on the same forms (`model=False`: lexical only)."""
    labels = {r.code: r.label for r in rome}
    titles = indexed_titles(terms, appellations)
    titles += [IndexedTitle(label, code, True) for code, label in labels.items()]
    return RomeSuggester(titles, sorted(labels), labels, clean, model)

