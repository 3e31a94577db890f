"""The rules a beneficiary profile obeys: its data as a form gives it, and every field problem
in French at once (`check_profile_data`). Saving it is `profiles/editing.py`."""

import re
from dataclasses import dataclass, field
from datetime import date

from webapp.core.errors import Invalid
from webapp.core.formatting import date_fr, number_fr
from webapp.offers.models import CONTRACTS
from webapp.profiles.history import MAX_TARGETS
from webapp.profiles.models import BARRIERS, PARCOURS, PROFILE_STATUSES, TRAVEL_MODES
from webapp.reference.jobs import rome_exists
from webapp.reference.places import commune_exists, postal_code_problem

MAX_TRAVEL_MINUTES = 180
MAX_HOURS_PER_WEEK = 48  # legal weekly maximum
MAX_NOTE_LENGTH = 200
NOTELESS_BARRIERS = frozenset({"health"})  # a flag only: never a diagnosis

LABEL_PATTERN = re.compile(r"^[^\W\d_][\w'’-]*(( [^\W\d_][\w'’-]*)* [^\W\d_]\.?)?$")


@dataclass(frozen=True)
class TargetData:
    rome_code: str
    experience_months: int = 0
    skills: str = ""


@dataclass(frozen=True)
class ProfileData:
    """Everything a person may type about a profile (the form and the imports give one)."""

    label: str = ""
    external_ref: str = ""
    ae_id: int | None = None
    commune_insee: str | None = None
    postal_code: str | None = None  # a finer place inside a large commune (Arles 13129)
    parcours: str = "emploi"
    entry_date: date | None = None
    weekly_activity_hours: float | None = None
    targets: tuple[TargetData, ...] = ()
    target_titles: tuple[str, ...] = ()
    mobility_modes: tuple[str, ...] = ()
    max_minutes: int | None = 45
    max_km: float | None = None
    driving_licence: bool = False
    vehicle: bool = False
    min_hours_per_week: float | None = None
    max_hours_per_week: float | None = None
    can_night: bool = False
    can_weekend: bool = False
    can_early_morning: bool = False
    can_split_shift: bool = False
    available_from: date | None = None
    barriers: dict[str, str] = field(default_factory=dict)
    qualifications: str = ""
    languages: str = ""
    job_ready: bool = False
    job_ready_since: date | None = None
    status: str = "accompaniment"
    hired_contract: str | None = None
    hired_on: date | None = None
    left_reason: str = ""
    consent_promotion: bool = False


def _problem(field_path: str, message: str) -> tuple[str, str]:
    return field_path, message


def _hours(value: float) -> str:
    return number_fr(value, 0 if float(value).is_integer() else 1)


def _target_problems(data: ProfileData) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not data.targets and not data.target_titles:
        problems.append(_problem("targets.0.rome_code", "Indiquez au moins un métier visé."))
    if len(data.targets) > MAX_TARGETS:
        problems.append(_problem("targets", f"{MAX_TARGETS} métiers visés au plus."))
    seen: set[str] = set()
    for index, target in enumerate(data.targets):
        where = f"targets.{index}"
        if not rome_exists(target.rome_code):
            problems.append(_problem(f"{where}.rome_code", f"Code ROME « {target.rome_code} » inconnu : "
                             "choisissez le métier dans la liste des suggestions."))
        elif target.rome_code in seen:
            problems.append(_problem(f"{where}.rome_code", "Ce métier figure déjà plus haut dans la liste."))
        seen.add(target.rome_code)
        if not 0 <= target.experience_months <= 600:
            problems.append(_problem(f"{where}.experience_months",
                             "L'expérience se compte en mois, entre 0 et 600."))
    return problems


def _constraint_problems(data: ProfileData) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not data.commune_insee:
        problems.append(_problem("commune_insee", "Indiquez la commune où vit la personne : "
                         "choisissez-la dans la liste."))
    elif not commune_exists(data.commune_insee):
        problems.append(_problem("commune_insee", f"Commune « {data.commune_insee} » inconnue : "
                         "choisissez-la dans la liste."))
    elif problem := postal_code_problem(data.commune_insee, data.postal_code):
        problems.append(_problem("postal_code", problem))
    if data.max_minutes is None or not 0 < data.max_minutes <= MAX_TRAVEL_MINUTES:
        problems.append(_problem("max_minutes", "Le temps de trajet maximal doit être compris entre 1 et "
                         f"{MAX_TRAVEL_MINUTES} minutes (3 heures)."))
    for name in ("min_hours_per_week", "max_hours_per_week", "weekly_activity_hours"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= MAX_HOURS_PER_WEEK:
            problems.append(_problem(name, f"Indiquez un nombre d'heures entre 0 et {MAX_HOURS_PER_WEEK}."))
    low, high = data.min_hours_per_week, data.max_hours_per_week
    if low is not None and high is not None and low > high:
        problems.append(_problem("min_hours_per_week", f"Le minimum ({_hours(low)} h) dépasse le "
                         f"maximum d'heures par semaine ({_hours(high)} h)."))
    if data.available_from and data.entry_date and data.available_from < data.entry_date:
        problems.append(_problem("available_from", f"La date de disponibilité ({date_fr(data.available_from)}) "
                         "ne peut pas précéder l'entrée en accompagnement "
                         f"({date_fr(data.entry_date)})."))
    unknown_modes = [mode for mode in data.mobility_modes if mode not in TRAVEL_MODES]
    if unknown_modes:
        problems.append(_problem("mobility_modes", f"Mode de déplacement inconnu : {', '.join(unknown_modes)}."))
    return problems


def _label_problems(data: ProfileData) -> list[tuple[str, str]]:
    label = data.label.strip()
    if label and not LABEL_PATTERN.match(label):
        return [_problem("label", "Indiquez seulement le prénom et l'initiale du nom, par ex. « Karima B. » : "
                 "l'identité complète reste dans le dossier du Département ou de France Travail.")]
    return []


def _situation_problems(data: ProfileData) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = _label_problems(data)
    if data.parcours not in PARCOURS:
        problems.append(_problem("parcours", "Choisissez un parcours dans la liste."))
    if data.status not in PROFILE_STATUSES:
        problems.append(_problem("status", "Choisissez une situation dans la liste."))
    if data.status == "hired" and data.hired_contract not in CONTRACTS:
        problems.append(_problem("hired_contract", "Indiquez le contrat signé."))
    if data.status == "left" and not data.left_reason.strip():
        problems.append(_problem("left_reason", "Indiquez le motif de sortie de l'accompagnement."))
    for key, note in data.barriers.items():
        if key not in BARRIERS:
            problems.append(_problem("barriers", f"Frein inconnu : {key}."))
        elif len(note) > MAX_NOTE_LENGTH:
            problems.append(_problem(f"barriers.{key}", f"Note de {MAX_NOTE_LENGTH} caractères au plus."))
    return problems


def check_profile_data(data: ProfileData) -> None:
    """Invalid listing every field problem, in French."""
    problems = _constraint_problems(data) + _target_problems(data) + _situation_problems(data)
    if problems:
        raise Invalid(problems)
