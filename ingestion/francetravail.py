"""France Travail "Offres d'emploi v2" search results to exchange-format offer dicts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ingestion.csvformat import plain
from ingestion.places import ImportLookup
from ingestion.report import FieldProblem

# France Travail typeContrat codes -> exchange contract; None marks non-salaried work.
CONTRACT_CODES: dict[str, str | None] = {
    "CDI": "CDI", "DIN": "CDI",  # DIN: CDI intérimaire
    "CDD": "CDD", "DDT": "CDD",  # DDT: CDD tremplin (entreprise adaptée)
    "MIS": "MIS", "SAI": "SAI",
    "DDI": "IAE", "TTI": "IAE",  # CDD d'insertion, contrat de travail temporaire d'insertion
    "LIB": None, "FRA": None, "REP": None, "CCE": None,
}
NON_SALARIED = {
    "LIB": "profession libérale", "FRA": "franchise",
    "REP": "reprise d'entreprise", "CCE": "profession commerciale",
}
# natureContrat wins over typeContrat for work-study, insertion and subsidised contracts.
NATURE_CONTRACTS = (
    (re.compile(r"apprentissage|professionnalisation"), "ALT"),
    (re.compile(r"insertion"), "IAE"),
    (re.compile(r"\bcui\b|\bpec\b|parcours emploi"), "PEC"),
)
HOURS = re.compile(r"(\d{1,3})\s*h\s*(\d{2})?\s*(/\s*mois)?")
WEEKS_PER_MONTH = 52 / 12
SCHEDULE_HINTS = {
    "night": re.compile(r"\bnuit\b|\b3\s?x\s?8\b"),
    "weekend": re.compile(r"week[ -]?end|samedi|dimanche|fin de semaine"),
    "early_morning": re.compile(
        r"tot le matin|matinal|\b[2-4]\s?x\s?8\b"
        r"|\b[4-6]\s?h(?:[0-5]\d)?\s*(?:-|a)\s*\d{1,2}\s?h"  # a range such as 6h-9h
        r"|(?:prise de poste|debut|des|a partir de)\s+(?:a\s+)?[4-6]\s?h"
    ),
    "split_shift": re.compile(r"coupure|horaires? coupes?\b|fractionne|discontinu"),
}
VEHICLE_HINT = re.compile(
    r"vehicule personnel|vehicule (?:exige|indispensable|obligatoire)|etre vehicule"
)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _labels(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [item["libelle"].strip() for item in items
            if isinstance(item, Mapping) and _text(item.get("libelle"))]


def hours_per_week(label: str | None) -> float | None:
    """`35H Horaires normaux` -> 35, `24H30/semaine` -> 24.5, `151H67/mois` -> 35."""
    match = HOURS.search(plain(label or ""))
    if not match:
        return None
    hours = int(match.group(1)) + int(match.group(2) or 0) / (100 if match.group(3) else 60)
    if match.group(3):
        hours /= WEEKS_PER_MONTH
    rounded = round(hours, 1)
    return int(rounded) if rounded.is_integer() else rounded


def schedule_hints(raw: Mapping[str, Any]) -> dict[str, bool]:
    """Night, weekend, early-morning and split-shift flags read from the working-time texts."""
    context = raw.get("contexteTravail") if isinstance(raw.get("contexteTravail"), Mapping) else {}
    texts = [raw.get(name) for name in ("dureeTravailLibelle", "dureeTravailLibelleConverti",
                                         "complementExercice", "conditionExercice")]
    for name in ("horaires", "conditionsExercice"):
        items = context.get(name)
        texts += items if isinstance(items, list) else [items]
    text = " | ".join(plain(t) for t in texts if isinstance(t, str))
    return {flag: bool(pattern.search(text)) for flag, pattern in SCHEDULE_HINTS.items()}


def _licence_required(item: Mapping[str, Any]) -> bool:
    label = plain(item.get("libelle") or "")
    return item.get("exigence") == "E" or ("exige" in label and "souhait" not in label)


def _contract(raw: Mapping[str, Any], problems: list[FieldProblem]) -> str | None:
    nature = plain(raw.get("natureContrat") or "")
    if raw.get("alternance") is True:
        return "ALT"
    for pattern, contract in NATURE_CONTRACTS:
        if pattern.search(nature):
            return contract
    code = _text(raw.get("typeContrat"))
    if code is None:
        return None
    if code not in CONTRACT_CODES:
        problems.append(FieldProblem("typeContrat", f"type de contrat « {code} » inconnu"))
    elif code in NON_SALARIED:
        problems.append(FieldProblem(
            "typeContrat", f"offre non salariée ({NON_SALARIED[code]}) : hors du champ"))
    return CONTRACT_CODES.get(code)


def _commune(raw: Mapping[str, Any], referential: ImportLookup,
             problems: list[FieldProblem]) -> str | None:
    place = raw.get("lieuTravail")
    if not isinstance(place, Mapping):
        problems.append(FieldProblem("lieuTravail", "lieu de travail absent"))
        return None
    found = referential.locate(_text(place.get("commune")), _text(place.get("codePostal")),
                               _text(place.get("libelle")))
    if found.problem:
        problems.append(FieldProblem(f"lieuTravail.{found.field}", found.problem))
    return found.insee


def _postal_code(raw: Mapping[str, Any]) -> str | None:
    """The work place's postal code when France Travail gives one (a finer place than the
    commune: Arles 13129 is Salin-de-Giraud), else None."""
    place = raw.get("lieuTravail")
    code = _text(place.get("codePostal")) if isinstance(place, Mapping) else None
    return code if code and code.isdigit() and len(code) == 5 else None


def _employer(raw: Mapping[str, Any]) -> dict[str, str | None] | None:
    company = raw.get("entreprise") if isinstance(raw.get("entreprise"), Mapping) else {}
    name, siret = _text(company.get("nom")), _text(company.get("siret"))
    return {"name": name, "siret": siret} if name or siret else None


def _day(value: Any) -> str | None:
    text = _text(value)
    return text[:10] if text and re.match(r"\d{4}-\d{2}-\d{2}", text) else None


def convert_offer(raw: Any, referential: ImportLookup) -> tuple[dict[str, Any], list[FieldProblem]]:
    """One France Travail offer as an exchange dict (plus extras) and its mapping problems."""
    if not isinstance(raw, Mapping):
        return {}, [FieldProblem("", "une offre doit être un objet JSON")]
    problems: list[FieldProblem] = []
    offer_id = raw.get("id")
    licences = [item for item in raw.get("permis") or [] if isinstance(item, Mapping)]
    hint_text = plain(" ".join(t for t in (raw.get("complementExercice"),
                                           raw.get("conditionExercice")) if isinstance(t, str)))
    salary = raw.get("salaire") if isinstance(raw.get("salaire"), Mapping) else {}
    origin = raw.get("origineOffre") if isinstance(raw.get("origineOffre"), Mapping) else {}
    data = {
        "id": str(offer_id) if isinstance(offer_id, str | int) else offer_id,
        "title": raw.get("intitule"),
        "rome_code": raw.get("romeCode") or None,
        "commune": _commune(raw, referential, problems),
        "contract": _contract(raw, problems),
        "hours_per_week": hours_per_week(_text(raw.get("dureeTravailLibelle"))),
        "schedule": schedule_hints(raw),
        "requires_driving_licence": any(_licence_required(item) for item in licences),
        "requires_vehicle": bool(VEHICLE_HINT.search(hint_text)),
        "start_date": None,
        "positions": raw.get("nombrePostes"),
        "immersion_possible": False,
        "employer": _employer(raw),
        "description": _text(raw.get("description")),
        "salary": _text(salary.get("libelle")) or _text(salary.get("commentaire")),
        "skills": _labels(raw.get("competences")),
        "qualities": _labels(raw.get("qualitesProfessionnelles")),
        "driving_licences": [
            {"label": item.get("libelle"), "required": _licence_required(item)}
            for item in licences
        ],
        "created_on": _day(raw.get("dateCreation")),
        "postal_code": _postal_code(raw),
    }
    data["source"] = {"format": "francetravail", "organisation": "France Travail",
                      "reference": data["id"], "url": _text(origin.get("urlOrigine"))}
    return data, problems


# Exchange field -> France Travail field, to name the source field in validation messages.
SOURCE_FIELDS = {
    "id": "id", "title": "intitule", "rome_code": "romeCode", "commune": "lieuTravail.commune",
    "contract": "typeContrat", "hours_per_week": "dureeTravailLibelle",
    "positions": "nombrePostes", "employer": "entreprise",
    "employer.name": "entreprise.nom", "employer.siret": "entreprise.siret",
}
