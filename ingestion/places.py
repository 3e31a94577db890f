"""Known communes and ROME codes for imports, and finding a commune from a label or postal code."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingestion.csvformat import CsvRow, plain
from reference import Commune, load_communes, load_rome

DEPARTEMENT_PREFIX = re.compile(r"^\s*(\d[\dab])\s*-\s*(.+)$", re.IGNORECASE)
ORDINAL = re.compile(r"\b0*(\d+)\s*(?:er|e|eme)?\b")


def place_key(name: str) -> str:
    """A comparable form of a commune name: `ST-CHAMAS` and `Saint-Chamas` give `saint chamas`,
    `MARSEILLE 05` and `Marseille 5e Arrondissement` give `marseille 5`."""
    text = re.sub(r"\(.*?\)", " ", plain(name))
    text = re.sub(r"[-'’.,/]", " ", text)
    text = re.sub(r"\barrondissement\b|\barrdt\b|\barr\b", " ", text)
    text = re.sub(r"\bste\b", "sainte", re.sub(r"\bst\b", "saint", text))
    text = ORDINAL.sub(r"\1", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Located:
    """The outcome of locating a place: an INSEE code, or the field at fault and why."""

    insee: str | None
    field: str = ""
    problem: str = ""


class ImportLookup:
    """The communes and ROME codes an import may use, and how a row's place is found (not the
    matching engine's Referential: a smaller thing with another job)."""

    def __init__(self, communes: Iterable[Commune], rome_codes: Iterable[str]):
        self.communes = {commune.insee: commune for commune in communes}
        self.rome_codes = frozenset(rome_codes)
        self._by_postal_code: dict[str, list[Commune]] = defaultdict(list)
        self._by_name: dict[str, list[Commune]] = defaultdict(list)
        for commune in self.communes.values():
            for postal_code in commune.postal_codes:
                self._by_postal_code[postal_code].append(commune)
            self._by_name[place_key(commune.name)].append(commune)

    def has_rome(self, code: str) -> bool:
        """True when `code` is a ROME 4.0 fiche."""
        return code in self.rome_codes

    def has_commune(self, insee: str) -> bool:
        """True when `insee` is a known commune or Marseille arrondissement."""
        return insee in self.communes

    def _most_precise(self, candidates: list[Commune]) -> list[Commune]:
        """Drop a city when one of its arrondissements is also a candidate."""
        parents = {c.parent_insee for c in candidates if c.parent_insee}
        return [c for c in candidates if c.insee not in parents]

    def by_postal(self, postal_code: str) -> list[Commune]:
        """The most precise communes served by a postal code (13005 -> Marseille 5e)."""
        return self._most_precise(self._by_postal_code.get(postal_code, []))

    def by_label(self, label: str) -> list[Commune]:
        """Communes named by a France Travail label like `13 - MARSEILLE 05` or a plain name."""
        prefixed = DEPARTEMENT_PREFIX.match(label)
        departement, name = prefixed.groups() if prefixed else ("", label)
        found = self._by_name.get(place_key(name), [])
        return [c for c in found if c.departement == departement.upper()] if departement else found

    def locate(self, insee: str | None, postal_code: str | None, label: str | None,
               hint: str = "précisez le code INSEE") -> Located:
        """Find a commune from an INSEE code, else a postal code, else a label, when unambiguous;
        `hint` ends the message when several communes fit."""
        if insee:
            refined = [c for c in self.by_postal(postal_code or "") if c.parent_insee == insee]
            return Located(refined[0].insee if len(refined) == 1 else insee)
        tries = (("codePostal", postal_code, self.by_postal, "code postal"),
                 ("libelle", label, self.by_label, "lieu"))
        last = Located(None, "commune", "lieu de travail absent (ni commune, ni code postal)")
        for field, value, find, noun in tries:
            if not value:
                continue
            found = find(value)
            if len(found) == 1:
                return Located(found[0].insee)
            names = ", ".join(sorted(c.name for c in found))
            if found:
                last = Located(None, field, f"{noun} « {value} » commun à plusieurs communes "
                                            f"({names}) : {hint}")
            else:
                last = Located(None, field, f"{noun} « {value} » ne désigne aucune commune "
                                            "connue (lieu trop imprécis ?)")
        return last


def row_commune(row: CsvRow, referential: ImportLookup) -> str | None:
    """A CSV row's commune: `commune_insee` as is, else `commune` (name or postal code) resolved."""
    insee, name = row.text("commune_insee"), row.text("commune")
    if insee or not name:
        return insee
    postal_code = name if name.isdigit() else None
    found = referential.locate(None, postal_code, None if postal_code else name,
                               hint="indiquez plutôt commune_insee")
    if found.problem:
        row.fail("commune", found.problem)
    return found.insee


POSTAL_CODE = re.compile(r"^\d{5}$")


def postal_code_problem(postal_code: str, commune_name: str = "",
                        commune_postal_codes: Sequence[str] = ()) -> str | None:
    """Why a postal code cannot place something in a commune: not five digits, or not one of
    the commune's codes when they are known (13129 is Arles's, not Marseille's)."""
    if not POSTAL_CODE.match(postal_code):
        return f"code postal « {postal_code} » invalide : 5 chiffres attendus (ex. 13129)"
    if commune_postal_codes and postal_code not in commune_postal_codes:
        return (f"code postal « {postal_code} » hors de la commune {commune_name} "
                f"({', '.join(commune_postal_codes)})")
    return None


def row_postal_code(row: CsvRow, referential: ImportLookup, insee: str | None) -> str | None:
    """A CSV row's optional `code_postal` (a finer place inside its commune); when absent, the
    postal code typed as the `commune` itself (`13129` for Salin-de-Giraud, in Arles)."""
    postal_code = (row.text("code_postal") or "").replace(" ", "") or None
    column = "code_postal"
    if postal_code is None:
        name = (row.text("commune") or "") if not row.text("commune_insee") else ""
        postal_code, column = (name, "commune") if name.isdigit() else (None, column)
    if postal_code is None:
        return None
    commune = referential.communes.get(insee or "")
    if problem := postal_code_problem(postal_code, *((commune.name, commune.postal_codes)
                                                     if commune else ())):
        row.fail(column, problem)
        return None
    return postal_code


@lru_cache(maxsize=1)
def default_referential() -> ImportLookup:
    """The referential built from the reference data shipped with the platform."""
    return ImportLookup(load_communes(), (rome.code for rome in load_rome()))
