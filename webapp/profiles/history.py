"""A profile as readable field values, the differences between two saves, and the history."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from webapp.accounts.models import User
from webapp.core.formatting import date_fr, datetime_fr, number_fr
from webapp.extensions import db
from webapp.offers.models import CONTRACTS
from webapp.profiles.models import (
    BARRIERS,
    PARCOURS,
    PROFILE_STATUSES,
    TRAVEL_MODES,
    Profile,
    ProfileChange,
)
from webapp.reference.jobs import rome_label
from webapp.reference.places import place_label, place_text

EXTERNAL_REF = "external_ref"
MAX_TARGETS = 5


def _yes_no(value: bool) -> str:
    return "Oui" if value else "Non"


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, datetime):
        return datetime_fr(value)
    if isinstance(value, date):
        return date_fr(value)
    if isinstance(value, float):
        return number_fr(value, 0 if value.is_integer() else 1)
    return str(value)


def _target(profile: Profile, rank: int) -> str:
    target = next((t for t in profile.targets if t.rank == rank), None)
    if target is None:
        return "—"
    parts = [rome_label(target.rome_code) or target.rome_code]
    if target.experience_months:
        parts.append(f"{target.experience_months} mois d'expérience")
    if target.skills:
        parts.append(f"compétences : {target.skills}")
    return " · ".join(parts)


def _barrier(profile: Profile, key: str) -> str:
    if key not in (profile.barriers or {}):
        return "Non"
    note = profile.barriers[key]
    return f"Oui ({note})" if note else "Oui"


def _ae(profile: Profile) -> str:
    return profile.ae.display_name if profile.ae else "—"


# field key -> (French label, reader). Order is the order of display.
Reader = Callable[[Profile], str]
FIELDS: dict[str, tuple[str, Reader]] = {
    "label": ("Nom d'usage", lambda p: _text(p.label)),
    EXTERNAL_REF: ("Référence du dossier (Département ou France Travail)",
                   lambda p: _text(p.external_ref)),
    "ae": ("Référent (AE)", _ae),
    "commune": ("Commune de résidence", lambda p: place_text(p.commune, p.postal_code)
                if p.commune else place_label(p.commune_insee) or "—"),
    "parcours": ("Parcours", lambda p: PARCOURS.get(p.parcours, p.parcours)),
    "entry_date": ("Entrée en accompagnement", lambda p: _text(p.entry_date)),
    "weekly_activity_hours": ("Heures d'activité prévues par semaine",
                              lambda p: _text(p.weekly_activity_hours)),
    **{f"target_{rank}": (f"Métier visé n° {rank}", lambda p, r=rank: _target(p, r))
       for rank in range(1, MAX_TARGETS + 1)},
    "target_titles": ("Métiers dans ses mots", lambda p: _text(", ".join(p.target_titles or []))),
    "mobility_modes": ("Modes de déplacement", lambda p: _text(
        ", ".join(TRAVEL_MODES.get(m, m) for m in p.mobility_modes or []))),
    "max_minutes": ("Temps de trajet maximal (minutes)", lambda p: _text(p.max_minutes)),
    "max_km": ("Distance maximale (km)", lambda p: _text(p.max_km)),
    "driving_licence": ("Permis B", lambda p: _yes_no(p.driving_licence)),
    "vehicle": ("Véhicule", lambda p: _yes_no(p.vehicle)),
    "min_hours_per_week": ("Heures par semaine, minimum", lambda p: _text(p.min_hours_per_week)),
    "max_hours_per_week": ("Heures par semaine, maximum", lambda p: _text(p.max_hours_per_week)),
    "can_night": ("Travail de nuit possible", lambda p: _yes_no(p.can_night)),
    "can_weekend": ("Travail le week-end possible", lambda p: _yes_no(p.can_weekend)),
    "can_early_morning": ("Travail tôt le matin possible", lambda p: _yes_no(p.can_early_morning)),
    "can_split_shift": ("Horaires coupés possibles", lambda p: _yes_no(p.can_split_shift)),
    "available_from": ("Disponible à partir du", lambda p: _text(p.available_from)),
    **{f"barrier_{key}": (f"Frein : {label}", lambda p, k=key: _barrier(p, k))
       for key, label in BARRIERS.items()},
    "qualifications": ("Diplômes et qualifications", lambda p: _text(p.qualifications)),
    "languages": ("Langues parlées", lambda p: _text(p.languages)),
    "job_ready": ("Proche de l'emploi", lambda p: _yes_no(p.job_ready)),
    "job_ready_since": ("Proche de l'emploi depuis le", lambda p: _text(p.job_ready_since)),
    "status": ("Situation", lambda p: PROFILE_STATUSES.get(p.status, p.status)),
    "hired_contract": ("Contrat signé", lambda p: CONTRACTS.get(p.hired_contract or "", "—")),
    "hired_on": ("Date d'embauche", lambda p: _text(p.hired_on)),
    "left_reason": ("Motif de sortie", lambda p: _text(p.left_reason)),
    "consent_promotion": ("Accord pour être présenté(e) aux employeurs",
                          lambda p: "Donné" if p.consent_promotion else "Non donné ou retiré"),
}


def snapshot(profile: Profile) -> dict[str, str]:
    """Every field of the profile as the text a person reads."""
    return {key: reader(profile) for key, (_, reader) in FIELDS.items()}


def differences(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    """The fields whose text changed, with their label, old and new text."""
    return [
        {"field": key, "label": FIELDS[key][0], "old": before.get(key, "—"), "new": after[key]}
        for key in FIELDS
        if before.get(key, "—") != after[key]
    ]


def record_change(profile: Profile, changes: list[dict[str, str]], by: User | None, kind: str,
                  source: str = "") -> ProfileChange:
    """Write one history entry; call it after the flush that gave the profile its new version."""
    entry = ProfileChange(profile=profile, user=by, kind=kind, source=source,
                          version=profile.version, changes=changes)
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    author: str
    kind: str
    changes: tuple[dict[str, str], ...]


def _author(entry: ProfileChange) -> str:
    if entry.user is not None:
        return entry.user.display_name
    return f"Import ({entry.source})" if entry.source else "Plateforme"


def _readable(entry: ProfileChange, show_external_ref: bool) -> HistoryEntry:
    changes = tuple(change for change in entry.changes
                    if show_external_ref or change["field"] != EXTERNAL_REF)
    return HistoryEntry(entry.at, _author(entry), entry.kind_label, changes)


def history(profile: Profile, show_external_ref: bool) -> list[HistoryEntry]:
    """The profile's history, newest first; the external reference only for those who may see it."""
    return [_readable(entry, show_external_ref) for entry in profile.changes]


def changes_since(profile: Profile, version: int) -> list[HistoryEntry]:
    """What was saved after `version`, oldest first: the content of a conflict message."""
    return [_readable(entry, True) for entry in reversed(profile.changes) if entry.version > version]
