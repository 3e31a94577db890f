"""How right title → ROME suggestion is, measured on France Travail's own coding.

`python -m matching evaluate-rome` (alias `bench-suggest`) prints, as one JSON object, for
each set and for the suggester before the offer-noise table (matching/title_noise.py), with it
(lexical only) and with the title model too (matching/title_model.py), see VERSIONS:
top-1 right at each level (code, domaine, grand domaine), top 5, how often `infer` codes a
title by itself and how rightly, and the coverage / precision curve of the coding threshold.
The sets:

- `held_out`: every EVERY-th official appellation (appellations.csv order), with the suggester
  rebuilt from all the other appellations, the fiche labels and the synonyms. Appellations that
  are their fiche's own label are skipped (the labels stay in the index, so they would be
  found trivially);
- `variants`: the same titles written as offers and people write them: one gender only, no
  accents, plural, upper case, "H/F", "(F/H)", contract and schedule words, a place, "urgent";
- `noisy`: every held-out title written twice as offers are (two rewrites of NOISE, one in the
  masculine, one in the feminine), with the same held-out suggester;
- `offers`: every EVERY-th appellation kept in the index, written once as an offer (NOISE), with
  the shipped suggester: a title an employer writes is most often an official one, dressed;
- `abbreviations`: offer titles written with abbreviations (ABBREVIATION_TITLES, hand-written,
  France Travail's code from appellations.csv), with the shipped suggester;
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
# The split the suggester's constants are chosen on: every EVERY-th appellation from the 6th,
# none of the evaluation's (offset 0).
TUNING_OFFSET = 5


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


# Offer titles written with the abbreviations of matching/title_noise.py, both genders, and
# France Travail's code of the official title they stand for (appellations.csv).
ABBREVIATION_TITLES: tuple[tuple[str, str], ...] = (
    ("ASH", "J1301"), ("ASH H/F - CDD", "J1301"), ("Agent ASH de nuit - EHPAD Marseille 9e", "J1301"),
    ("ADVF", "K1311"), ("ADVF (H/F) temps partiel", "K1311"), ("Assistante de vie ADVF", "K1311"),
    ("AES", "K1306"), ("AES en EHPAD F/H", "K1306"), ("Accompagnante éducative et sociale AES", "K1306"),
    ("EJE", "K1202"), ("EJE H/F CDI", "K1202"), ("Educatrice de jeunes enfants (EJE)", "K1202"),
    ("ATSEM", "K1308"), ("ATSEM F/H - Aubagne", "K1308"), ("Agente ATSEM", "K1308"),
    ("AVS", "K1306"), ("AMP", "K1306"), ("AS de nuit H/F", "J1501"),
    ("Aide-soignante AS - CDI", "J1501"), ("IDE", "J1506"), ("IDE H/F EHPAD Aubagne", "J1506"),
    ("Infirmière IDE de nuit", "J1506"), ("Cariste CACES 3", "N1101"),
    ("Cariste CACES R489 cat 3 H/F", "N1101"), ("Préparateur de commandes CACES 1", "N1103"),
    ("Préparatrice de commandes CACES 1 - intérim", "N1103"), ("Chauffeur PL", "N4101"),
    ("Chauffeur PL H/F - CDI", "N4101"), ("Chauffeuse poids lourd", "N4101"),
    ("Livreur VL", "N4105"), ("Livreuse VL H/F urgent", "N4105"), ("Agent de sécurité SSIAP 1", "K2503"),
    ("APS H/F", "K2503"), ("Agent de sécurité incendie SSIAP", "K2503"), ("Assistant ADV", "D1409"),
    ("Assistante ADV export", "D1409"), ("Assistante RH", "M1501"), ("Assistant RH (F/H)", "M1501"),
    ("ASV", "A1501"), ("ASV H/F", "A1501"),
)
# How the titles are written as offers, one rewrite per title in turn.
VARIANTS: tuple[Callable[[str, str], str], ...] = (
    lambda masculine, feminine: _plain(feminine),
    lambda masculine, feminine: f"{masculine} H/F",
    lambda masculine, feminine: _plural(masculine).lower(),
    lambda masculine, feminine: f"(F/H) {feminine} - CDI temps plein",
    lambda masculine, feminine: f"{masculine} - Marseille 13e",
    lambda masculine, feminine: f"URGENT {masculine.upper()} (H/F) CDD",
)
# The noisy offers: gender marks, contract and schedule words, places, urgency, hours.
NOISE: tuple[Callable[[str], str], ...] = (
    lambda t: f"{t} H/F", lambda t: f"{t} (H/F)", lambda t: f"{t} F/H - CDI",
    lambda t: f"{t} - CDD 6 mois temps partiel", lambda t: f"{t} de nuit (H/F)",
    lambda t: f"{t} - Marseille 13e", lambda t: f"URGENT - {t.upper()}",
    lambda t: f"{t} 35h - Aix-en-Provence", lambda t: f"{_plain(t)} h/f interim",
    lambda t: f"{t} (F/H) - Arles 13200", lambda t: f"Recrute {t.lower()} CDI temps plein",
    lambda t: f"{t} - Marseille 1er - urgent",
)


def held_out_split(appellations: Sequence[Any], fiche_labels: dict[str, str],
                   every: int = EVERY, offset: int = 0) -> tuple[list[Any], list[Any]]:
    """(kept, held out): every `every`-th appellation from the `offset`-th (0: the evaluation;
    TUNING_OFFSET: the split the constants are chosen on) that is not its fiche's label."""
    kept, held = [], []
    for position, appellation in enumerate(appellations):
        own_label = fiche_labels.get(appellation.rome_code) == appellation.label
        (held if position % every == offset and not own_label else kept).append(appellation)
    return kept, held


def variant_cases(held: Sequence[Any]) -> list[Case]:
    """One rewritten title per held-out appellation."""
    cases = []
    for i, appellation in enumerate(held):
        masculine, feminine = _forms(appellation.label)
        cases.append(Case(VARIANTS[i % len(VARIANTS)](masculine, feminine), appellation.rome_code))
    return cases


def noisy_cases(appellations: Sequence[Any], both_genders: bool = True) -> list[Case]:
    """Each title dressed as an offer (NOISE in turn), masculine then feminine."""
    cases = []
    for i, appellation in enumerate(appellations):
        forms = _forms(appellation.label)
        for j, form in enumerate(forms if both_genders else forms[:1]):
            cases.append(Case(NOISE[(2 * i + j) % len(NOISE)](form), appellation.rome_code))
    return cases


LEVELS = (("code", 5), ("domaine", 3), ("grand_domaine", 1))
THRESHOLDS = (40, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100)


def _share(count: int, total: int) -> float | None:
    return round(100.0 * count / total, 1) if total else None


def score(suggester: Suggests, cases: Sequence[Case], margin: float | None = None,
          threshold: float | None = None) -> dict[str, Any]:
    """Figures of a suggester on (title, code) cases, in %: top 1 right at each level, top 5,
    coded by itself (score >= threshold, lead >= margin) and how rightly, and the curve."""
    from matching.suggest import CLEAR_MIN_MARGIN, CLEAR_MIN_SCORE

    margin = CLEAR_MIN_MARGIN if margin is None else margin
    threshold = CLEAR_MIN_SCORE if threshold is None else threshold
    firsts: list[tuple[str | None, float, float]] = []  # (best code, its score, its lead)
    top5 = 0
    for case in cases:
        suggestions = suggester.suggest(case.title, 5)
        top5 += case.code in [s.code for s in suggestions]
        if suggestions:
            runner_up = suggestions[1].score if len(suggestions) > 1 else 0.0
            firsts.append((suggestions[0].code, suggestions[0].score,
                           suggestions[0].score - runner_up))
        else:
            firsts.append((None, 0.0, 0.0))
    n = len(cases)

    def right(code: str | None, case: Case, width: int) -> bool:
        return code is not None and code[:width] == case.code[:width]

    def coded(at: float) -> dict[str, Any]:
        chosen = [(f, c) for f, c in zip(firsts, cases) if f[0] and f[1] >= at and f[2] >= margin]
        out: dict[str, Any] = {"coded": _share(len(chosen), n)}
        for level, width in LEVELS:
            out[f"right_{level}"] = _share(sum(right(f[0], c, width) for f, c in chosen),
                                           len(chosen))
        return out

    out: dict[str, Any] = {"titles": n, "top5": _share(top5, n)}
    for level, width in LEVELS:
        out[f"top1_{level}"] = _share(sum(right(f[0], c, width) for f, c in zip(firsts, cases)), n)
    out["at_threshold"] = {"threshold": threshold, "margin": margin, **coded(threshold)}
    out["curve"] = [{"threshold": t, **coded(t)} for t in THRESHOLDS]
    return out


# The suggesters compared: (name, offer-noise table, title model, coding threshold; None:
# today's CLEAR_MIN_SCORE). "before": as at commit 8c0c665; "lexical": the noise table and the
# domaine vote, coded at 75, as before the title model; "after": today's suggester.
VERSIONS: tuple[tuple[str, bool, bool, float | None], ...] = (
    ("before", False, False, 70.0), ("lexical", True, False, 75.0), ("after", True, True, None))


def run_evaluation(every: int = EVERY, offset: int = 0) -> dict[str, Any]:
    """Every set's figures for each of VERSIONS. The held-out titles are out of the index and
    out of the title model's training (both are built from the kept appellations)."""
    from matching.suggest import build_suggester
    from reference import job_terms, load_appellations, load_rome, load_synonyms

    rome = load_rome()
    terms = job_terms(rome, load_synonyms())
    appellations = load_appellations()
    kept, held = held_out_split(appellations, {r.code: r.label for r in rome}, every, offset)
    sets: dict[str, list[Case]] = {
        "held_out": [Case(a.label, a.rome_code) for a in held],
        "variants": variant_cases(held),
        "noisy": noisy_cases(held),
        "offers": noisy_cases(kept[::every], both_genders=False),
        "abbreviations": [Case(t, c) for t, c in ABBREVIATION_TITLES],
        "examples": [Case(t, c) for t, c in EXAMPLES],
    }
    out: dict[str, Any] = {"every": every, "offset": offset}
    for when, clean, model, threshold in VERSIONS:
        held_out = build_suggester(rome, terms, kept, clean=clean, model=model)
        shipped = build_suggester(rome, terms, appellations, clean=clean, model=model)
        out[when] = {name: score(held_out if name in ("held_out", "variants", "noisy")
                                 else shipped, cases, threshold=threshold)
                     for name, cases in sets.items()}
    return out
