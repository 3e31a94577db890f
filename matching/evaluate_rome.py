"""How right title → ROME suggestion is, measured on France Travail's own coding.

`python -m matching bench-suggest` prints, as one JSON object, top-1 / top-5 / domaine accuracy
and how often `infer` codes a title by itself (and how rightly) on three sets:

- `held_out`: every EVERY-th official appellation (appellations.csv order), with the suggester
  rebuilt from all the other appellations, the fiche labels and the synonyms. Appellations that
  are their fiche's own label are skipped (the labels stay in the index, so they would be
  found trivially);
- `variants`: the same titles written as offers and people write them: one gender only, no
  accents, plural, upper case, "H/F", "(F/H)", contract and schedule words, a place, "urgent";
- `examples`: the titles named in issue 14, with the code France Travail gives them.

Deterministic (no sampling, no timing): the same data gives the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reference.text import fold

# The titles of issue 14 and France Travail's code for each (appellations.csv).
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Aide à domicile", "K1304"),
    ("Berger", "A1410"),
    ("Technicien lumière", "L1504"),
    ("Chef d'équipe plombier", "F1206"),
    ("femme de ménage", "K1304"),
    ("plongeur", "G1605"),
    ("Plongeur en restauration H/F", "G1605"),
    ("Aide à domicile H/F - CDI temps partiel - Arles", "K1304"),
)
EVERY = 10


class Suggests(Protocol):
    def suggest(self, title: str, limit: int = 5) -> Sequence[Any]: ...

    def infer(self, title: str) -> Any: ...


@dataclass(frozen=True)
class Case:
    title: str
    code: str


def _plain(text: str) -> str:
    """The title typed without accents, its case kept (how many offers are written)."""
    return "".join(plain if plain.isascii() else char
                   for char, plain in ((c, fold(c) if c.islower() else fold(c).upper()) for c in text))


def _forms(label: str) -> tuple[str, str]:
    from reference import split_gendered_label

    forms = split_gendered_label(label)
    return forms if forms is not None else (label, label)


def _plural(title: str) -> str:
    words = title.split()
    return " ".join([words[0] + ("" if words[0].endswith(("s", "x")) else "s")] + words[1:])


# How the held-out titles are rewritten, one rewrite per title in turn.
VARIANTS: tuple[Callable[[str, str], str], ...] = (
    lambda masculine, feminine: _plain(feminine),
    lambda masculine, feminine: f"{masculine} H/F",
    lambda masculine, feminine: _plural(masculine).lower(),
    lambda masculine, feminine: f"(F/H) {feminine} - CDI temps plein",
    lambda masculine, feminine: f"{masculine} - Marseille 13e",
    lambda masculine, feminine: f"URGENT {masculine.upper()} (H/F) CDD",
)


def held_out_split(appellations: Sequence[Any], fiche_labels: dict[str, str],
                   every: int = EVERY) -> tuple[list[Any], list[Any]]:
    """(kept, held out): every `every`-th appellation that is not its fiche's label."""
    kept, held = [], []
    for position, appellation in enumerate(appellations):
        own_label = fiche_labels.get(appellation.rome_code) == appellation.label
        (held if position % every == 0 and not own_label else kept).append(appellation)
    return kept, held


def variant_cases(held: Sequence[Any]) -> list[Case]:
    """One rewritten title per held-out appellation."""
    cases = []
    for i, appellation in enumerate(held):
        masculine, feminine = _forms(appellation.label)
        cases.append(Case(VARIANTS[i % len(VARIANTS)](masculine, feminine), appellation.rome_code))
    return cases


def score(suggester: Suggests, cases: Sequence[Case]) -> dict[str, Any]:
    """Accuracy figures of a suggester on some (title, code) cases, in %."""
    top1 = top5 = domaine = coded = coded_right = coded_domaine = 0
    for case in cases:
        inference = suggester.infer(case.title)  # its suggestions are the top 5
        codes = [s.code for s in inference.suggestions]
        top1 += bool(codes) and codes[0] == case.code
        top5 += case.code in codes
        domaine += bool(codes) and codes[0][:3] == case.code[:3]
        inferred = inference.code
        if inferred is not None:
            coded += 1
            coded_right += inferred == case.code
            coded_domaine += inferred[:3] == case.code[:3]
    n = len(cases)

    def share(count: int, total: int) -> float | None:
        return round(100.0 * count / total, 1) if total else None

    return {"titles": n, "top1": share(top1, n), "top5": share(top5, n),
            "domaine": share(domaine, n), "coded": share(coded, n),
            "coded_right": share(coded_right, coded),
            "coded_domaine_right": share(coded_domaine, coded)}


def run_evaluation(every: int = EVERY) -> dict[str, Any]:
    """The three sets' figures for the shipped reference data."""
    from matching.suggest import build_suggester
    from reference import job_terms, load_appellations, load_rome, load_synonyms

    rome = load_rome()
    synonyms = load_synonyms()
    appellations = load_appellations()
    kept, held = held_out_split(appellations, {r.code: r.label for r in rome}, every)
    held_out_suggester = build_suggester(rome, job_terms(rome, synonyms), kept)
    shipped = build_suggester(rome, job_terms(rome, synonyms), appellations)
    return {
        "every": every,
        "held_out": score(held_out_suggester,
                          [Case(a.label, a.rome_code) for a in held]),
        "variants": score(held_out_suggester, variant_cases(held)),
        "examples": score(shipped, [Case(t, c) for t, c in EXAMPLES]),
    }
