"""Finding a commune by name or postal code, for the place autocomplete."""

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import select

from ingestion.places import postal_code_problem as postal_code_rule
from reference import load_postal_places
from reference.text import fold
from webapp.extensions import db
from webapp.reference.models import Commune

HOME_DEPARTEMENT = "13"
SAINTS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@dataclass(frozen=True)
class PlaceSuggestion:
    insee: str
    label: str
    postal_code: str | None = None  # a full code typed, or a village chosen: fills the field


FULL_POSTAL_CODE = re.compile(r"^[0-9]{5}$")


def normalise_place(text: str) -> str:
    """Lower case, no accents, hyphens as spaces, 'st' read as 'saint' (ste, sts, stes too)."""
    text = fold(text)
    words = text.replace("-", " ").replace("'", " ").split()
    return " ".join(SAINTS.get(w, w) for w in words)


def _starts_with(name: str, wanted: str) -> bool:
    """Prefix match that keeps numbers whole: "marseille 1" begins "marseille 1er", not "10e"."""
    if not name.startswith(wanted):
        return False
    rest = name[len(wanted):]
    return not (wanted[-1:].isdigit() and rest[:1].isdigit())


def _arrondissement_number(name: str) -> int:
    """1 for "marseille 1er arrondissement", 0 for names without a number (numeric order)."""
    match = re.search(r"\b(\d+)(?:er|e)\b", name)
    return int(match.group(1)) if match else 0


def _label(commune: Commune) -> str:
    return commune.display_name


def suggest_places(query: str, limit: int = 8) -> list[PlaceSuggestion]:
    """Communes matching a name or a postal code, those of the Bouches-du-Rhône first."""
    query = query.strip()
    if len(query) < 2:
        return []
    communes = db.session.scalars(select(Commune).where(Commune.insee != "13055")).all()
    if query.isdigit():
        hits = [c for c in communes if any(p.startswith(query) for p in c.postal_codes.split())]
        hits.sort(key=lambda c: (c.departement != HOME_DEPARTEMENT, c.postal_codes, c.name))
        return [_by_postal_code(c, query) for c in hits[:limit]]
    wanted = normalise_place(query)
    villages = _villages_named(wanted, {c.insee: c for c in communes})
    choices = {c.insee: normalise_place(c.name) for c in communes}
    by_insee = {c.insee: c for c in communes}
    scored = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=70)
    # Names that begin with what was typed come first, numbers kept whole ("marseille 1" puts
    # the 1er before the 10e-16e), Marseille's arrondissements in numeric order.
    def tier(insee: str) -> int:
        name = choices[insee]
        return 0 if _starts_with(name, wanted) else 1 if name.startswith(wanted) else 2

    ranked = sorted(
        scored,
        key=lambda hit: (
            tier(hit[2]),
            _arrondissement_number(choices[hit[2]]),
            -hit[1],
            by_insee[hit[2]].departement != HOME_DEPARTEMENT,
            choices[hit[2]],
        ),
    )
    found = [PlaceSuggestion(insee, _label(by_insee[insee])) for _, _, insee in ranked]
    # Communes whose name begins with what was typed, then the villages that do, then the rest.
    beginning = sum(1 for _, _, insee in ranked if tier(insee) == 0)
    return (found[:beginning] + villages + found[beginning:])[:limit]


def _by_postal_code(commune: Commune, typed: str) -> PlaceSuggestion:
    """A commune found by its postal code; a whole code typed is kept for the record's
    « Code postal » (and names the village when it is one: « Arles – Salin-de-Giraud »)."""
    if not FULL_POSTAL_CODE.match(typed):
        return PlaceSuggestion(commune.insee, _label(commune))
    village = _finer_place_names().get((commune.insee, typed))
    return PlaceSuggestion(commune.insee, f"{_village_label(commune, village)}, {typed}", typed)


def _village_label(commune: Commune, village: str | None) -> str:
    """« Arles – Salin-de-Giraud », « Arles (ville) », or the commune's label."""
    if not village:
        return _label(commune)
    return village if village.startswith(commune.name) else f"{commune.name} – {village}"


def _villages_named(wanted: str, by_insee: dict[str, Commune]) -> list[PlaceSuggestion]:
    """The finer places (villages of Arles) whose name begins with what was typed: the commune
    is chosen and the village's postal code kept."""
    return [PlaceSuggestion(insee, f"{_village_label(by_insee[insee], name)}, {code}", code)
            for (insee, code), name in sorted(_finer_place_names().items())
            if insee in by_insee and _starts_with(normalise_place(name), wanted)]


def commune_exists(insee: str) -> bool:
    return bool(insee) and db.session.get(Commune, insee) is not None


def place_label(insee: str | None) -> str:
    commune = db.session.get(Commune, insee) if insee else None
    return _label(commune) if commune else ""


def postal_code_problem(commune_insee: str, postal_code: str | None) -> str | None:
    """The French message when a record's optional postal code is not five digits or not one
    of its commune's (when the reference knows them); None when it fits or is empty."""
    if not postal_code:
        return None
    commune = db.session.get(Commune, commune_insee)
    codes = commune.postal_codes.split() if commune and commune.postal_codes else ()
    problem = postal_code_rule(postal_code, commune.name if commune else "", codes)
    return problem[0].upper() + problem[1:] + "." if problem else None


@lru_cache(maxsize=1)
def _finer_place_names() -> dict[tuple[str, str], str]:
    return {(p.insee, p.postal_code): p.name for p in load_postal_places()}


def place_text(commune: Commune, postal_code: str | None) -> str:
    """A record's place as a page shows it: « Arles, 13129 (Salin-de-Giraud) », « Aubagne,
    13400 », or the commune's usual label when no postal code was given."""
    if not postal_code:
        return commune.display_name
    finer = _finer_place_names().get((commune.insee, postal_code))
    return f"{commune.name}, {postal_code}" + (f" ({finer})" if finer else "")
