"""Every sentence the engine shows a person, in French."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# The sentences of a batch repeat a lot (same codes, hours, dates): each is built once.
REASON_CACHE = 8192
MODE_LABELS = {
    "walk": "à pied", "bike": "à vélo", "public_transport": "en transports en commun",
    "car": "en voiture", "carpool": "en covoiturage", "two_wheeler": "en deux-roues motorisé",
}
SUMMARY_LABELS = {
    "licence": "sans permis B", "vehicle": "sans véhicule", "travel": "trop loin",
    "night": "horaires de nuit", "weekend": "travail le week-end",
    "early_morning": "horaires tôt le matin", "split_shift": "horaires en coupure",
    "childcare": "garde d'enfants", "hours": "trop d'heures",
    "consent": "sans accord de présentation",
}
SCHEDULE_REFUSALS = {
    "night": "Travail de nuit exigé, non accepté",
    "weekend": "Travail le week-end exigé, non accepté",
    "early_morning": "Horaires tôt le matin exigés, non acceptés",
    "split_shift": "Horaires en coupure exigés, non acceptés",
}
CHILDCARE_PATTERNS = {"night": "le travail de nuit", "early_morning": "les horaires tôt le matin",
                      "split_shift": "les horaires en coupure"}


def number_fr(value: float, decimals: int = 1) -> str:
    """12.5 -> "12,5"; whole numbers without decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{decimals}f}".replace(".", ",")


def date_fr(day: date) -> str:
    """22/11/2026."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@lru_cache(maxsize=REASON_CACHE)
def exact_reason(offer_code: str, rank: int) -> str:
    """The offer's code is one of the person's targets (rank 0 = first choice)."""
    choice = f", {rank + 1}e choix" if rank else ""
    return f"Métier visé : {offer_code} (correspondance exacte{choice})"


@lru_cache(maxsize=REASON_CACHE)
def domain_reason(target: str, domain: str, domain_label: str) -> str:
    """A target shares the offer's domaine professionnel."""
    return f"Métier proche : {target} visé, même domaine professionnel {domain} ({domain_label})"


@lru_cache(maxsize=REASON_CACHE)
def grand_domain_reason(target: str, grand: str, grand_label: str) -> str:
    """A target shares the offer's grand domaine."""
    return f"Même grand domaine {grand} ({grand_label}) : {target} visé"


@lru_cache(maxsize=REASON_CACHE)
def text_reason(text: str, similarity: float) -> str:
    """A target label or title is close to the offer's title."""
    return f"Intitulé proche : « {text} » (similarité {number_fr(similarity, 2)})"


@lru_cache(maxsize=REASON_CACHE)
def experience_reason(months: int, code: str) -> str:
    """Experience declared in the offer's code."""
    return f"Expérience : {months} mois en {code}"


@lru_cache(maxsize=REASON_CACHE)
def travel_reason(minutes: int, mode: str, max_minutes: int) -> str:
    """"Trajet estimé : 31 min en transports en commun (max. 45)"."""
    return f"Trajet estimé : {minutes} min {MODE_LABELS[mode]} (max. {max_minutes})"


@lru_cache(maxsize=REASON_CACHE)
def travel_to_check_reason(commune: str, area_km2: float) -> str:
    """"Trajet à vérifier : même commune (Arles, 755 km²), lieu précis inconnu"."""
    return (f"Trajet à vérifier : même commune ({commune}, {number_fr(round(area_km2))} km²), "
            "lieu précis inconnu")


def _wish(low: float, high: float) -> str:
    if high == math.inf:
        return f"au moins {number_fr(low)} h"
    if low <= 0:
        return f"au plus {number_fr(high)} h"
    return f"{number_fr(low)} à {number_fr(high)} h"


@lru_cache(maxsize=REASON_CACHE)
def hours_reason(hours: float, low: float, high: float) -> str:
    """Offered hours against the person's wish."""
    if math.isnan(hours):
        return "Durée hebdomadaire non précisée"
    offered = f"Durée : {number_fr(hours)} h par semaine"
    if low <= 0 and high == math.inf:
        return offered
    where = "dans le souhait" if low <= hours <= high else "hors du souhait"
    return f"{offered}, {where} ({_wish(low, high)})"


@lru_cache(maxsize=REASON_CACHE)
def availability_reason(start: date | None, available: date | None, today: date) -> str:
    """When the person is available against when the job starts."""
    begins = f"début le {date_fr(start)}" if start else "début dès que possible"
    if available is None:
        return f"Disponibilité non renseignée, supposée immédiate ({begins})"
    late = (available - (start or today)).days
    if late <= 0:
        return f"Disponible dès le {date_fr(available)} ({begins})"
    return f"Disponible le {date_fr(available)}, {late} jours après le {begins}"


@dataclass(frozen=True)
class ExclusionFacts:
    """What exclusion reasons quote about a pair."""

    minutes: float
    mode: str
    max_minutes: float
    km: float
    max_km: float
    offer_hours: float
    max_hours: float
    hours_margin: float
    childcare_patterns: tuple[str, ...]


def exclusion_reasons(categories: Sequence[str], facts: ExclusionFacts) -> tuple[str, ...]:
    """One sentence per broken constraint, in category order."""
    reasons = []
    for category in categories:
        if category == "licence":
            reasons.append("Permis B exigé, non détenu")
        elif category == "vehicle":
            reasons.append("Véhicule personnel exigé, non disponible")
        elif category == "travel":
            reasons += _travel_refusals(facts)
        elif category in SCHEDULE_REFUSALS:
            reasons.append(SCHEDULE_REFUSALS[category])
        elif category == "childcare":
            patterns = " et ".join(CHILDCARE_PATTERNS[p] for p in facts.childcare_patterns)
            reasons.append(f"Garde d'enfants : incompatible avec {patterns}")
        elif category == "hours":
            reasons.append(f"{number_fr(facts.offer_hours)} h par semaine proposées, plus de "
                           f"{number_fr(facts.hours_margin)} h au-delà du maximum souhaité "
                           f"({number_fr(facts.max_hours)} h)")
        elif category == "consent":
            reasons.append("Pas d'accord pour être présenté(e) aux employeurs")
    return tuple(reasons)


def _travel_refusals(facts: ExclusionFacts) -> list[str]:
    if facts.minutes == math.inf:
        return ["Aucun mode de déplacement utilisable pour ce trajet"]
    out = []
    if facts.minutes > facts.max_minutes:
        out.append(f"Trajet estimé : {round(facts.minutes)} min {MODE_LABELS[facts.mode]}, "
                   f"au-delà du maximum de {number_fr(facts.max_minutes)} min")
    if facts.km > facts.max_km:
        out.append(f"Distance estimée : {number_fr(facts.km)} km, au-delà du maximum de "
                   f"{number_fr(facts.max_km)} km")
    return out


def exclusion_summary(count: int, by_category: Sequence[tuple[str, int]],
                      feminine: bool = False) -> str:
    """"12 écartés : 7 trop loin, 3 sans permis B, 2 horaires de nuit"."""
    word = "écartée" if feminine else "écarté"
    if count == 0:
        return f"Aucun{'e' if feminine else ''} {word}"
    parts = ", ".join(f"{n} {SUMMARY_LABELS[c]}" for c, n in by_category)
    return f"{count} {word}{'s' if count > 1 else ''} : {parts}"
