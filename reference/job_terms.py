"""Searchable job names: ROME labels, their masculine and feminine forms, and synonyms."""

from __future__ import annotations

from collections.abc import Iterable

from reference.records import JobTerm, RomeCode, RomeSynonym
from reference.text import fold

GENDER_SEPARATOR = " / "


def _stem(word: str) -> str:
    return fold(word)


def _same_word_family(masculine: str, feminine: str) -> bool:
    """True for pairs like Agent/Agente, Chef/Cheffe, Maître/Maîtresse, de/de."""
    a, b = _stem(masculine), _stem(feminine)
    return a == b or (len(a) >= 3 and len(b) >= 3 and a[:3] == b[:3])


def split_gendered_label(label: str) -> tuple[str, str] | None:
    """Split "Agent / Agente d'entretien" into ("Agent d'entretien", "Agente d'entretien").

    ROME 4.0 writes the masculine words, " / ", then the feminine label in full. The
    feminine side may repeat the whole masculine side ("Educateur sportif / Educatrice
    sportive") or only its last words ("Secrétaire Facturier / Facturière"); what follows the
    feminine words is shared ("… d'entretien"). The shortest shared lead-in whose words pair up
    is taken. Labels without the separator, or whose two sides do not pair up word by word
    with a change of gender ("Lapidaire / Diamantaire", two trades; "Homme sage-femme /
    Sage-femme"), give None: the full label stays searchable.
    """
    if label.count(GENDER_SEPARATOR) != 1:
        return None
    left, right = (part.split() for part in label.split(GENDER_SEPARATOR))
    for shared in range(len(left)):
        varying = left[shared:]
        if len(varying) > len(right):
            continue
        pairs = list(zip(varying, right))
        changes_gender = any(m.casefold() != f.casefold() for m, f in pairs)
        if changes_gender and all(_same_word_family(m, f) for m, f in pairs):
            break
    else:
        return None
    lead, tail = left[:shared], right[len(varying) :]
    masculine = " ".join(lead + varying + tail)
    feminine = " ".join(lead + right)
    return masculine, feminine


def job_terms(rome: Iterable[RomeCode], synonyms: Iterable[RomeSynonym]) -> list[JobTerm]:
    """Every label, gendered form and synonym with its ROME code, without repeats."""
    terms: list[JobTerm] = []
    seen: set[tuple[str, str]] = set()

    def add(term: str, code: str, kind: str) -> None:
        if (term.casefold(), code) not in seen:
            seen.add((term.casefold(), code))
            terms.append(JobTerm(term, code, kind))

    for fiche in rome:
        add(fiche.label, fiche.code, "label")
        forms = split_gendered_label(fiche.label)
        if forms is not None:
            add(forms[0], fiche.code, "masculine")
            add(forms[1], fiche.code, "feminine")
    for synonym in synonyms:
        add(synonym.term, synonym.rome_code, "synonym")
    return terms
