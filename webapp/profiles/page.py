"""What the profile page shows a given viewer: sections, badges, consent, history, actions."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.formatting import date_fr, datetime_fr
from webapp.core.permissions import can
from webapp.profiles.caseload import STATUS_TONES
from webapp.profiles.consent import can_be_promoted
from webapp.profiles.history import EXTERNAL_REF, FIELDS, HistoryEntry, history, snapshot
from webapp.profiles.models import Profile

BARRIERS_TITLE = "Freins à l'emploi"
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("La personne", ("label", EXTERNAL_REF, "ae", "commune", "parcours", "entry_date",
                     "weekly_activity_hours")),
    ("Métiers visés", ("target_1", "target_2", "target_3", "target_4", "target_5",
                       "target_titles")),
    ("Déplacements", ("mobility_modes", "max_minutes", "max_km", "driving_licence", "vehicle")),
    ("Disponibilités", ("min_hours_per_week", "max_hours_per_week", "can_night", "can_weekend",
                        "can_early_morning", "can_split_shift", "available_from")),
    (BARRIERS_TITLE, ("barrier_mobility", "barrier_childcare", "barrier_health",
                           "barrier_housing", "barrier_digital", "barrier_language",
                           "barrier_other")),
    ("Atouts", ("qualifications", "languages")),
    ("Situation", ("status", "hired_contract", "hired_on", "left_reason", "job_ready",
                   "job_ready_since")),
)


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[str, str], ...]
    empty_text: str


@dataclass(frozen=True)
class ProfilePage:
    title: str
    reference: str
    status_label: str
    status_tone: str
    ready_text: str
    stale_text: str
    consent_text: str
    consent_tone: str
    consent_changes: tuple[str, ...]
    sections: tuple[Section, ...]
    history: tuple[HistoryEntry, ...]
    may_edit: bool
    may_export: bool


def _consent(profile: Profile) -> tuple[str, str]:
    if not profile.consent_promotion:
        refused = ("Pas d'accord pour être présenté(e) aux employeurs : le profil reste entre "
                   "professionnels de l'accompagnement.")
        return refused, "bad"
    who = profile.consent_recorded_by.display_name if profile.consent_recorded_by else "import"
    when = f" le {date_fr(profile.consent_at)}" if profile.consent_at else ""
    promotable = "" if can_be_promoted(profile) else " (mais sa situation ne permet pas de le présenter)"
    return f"Accord donné{when}, enregistré par {who}{promotable}.", "good"


def _rows(values: dict[str, str], keys: tuple[str, ...], hidden: tuple[str, ...]) -> tuple:
    """(label, value) of the keys, without empty values (and without unflagged barriers)."""
    return tuple((FIELDS[key][0], values[key]) for key in keys if values[key] not in hidden)


def profile_page(profile: Profile, viewer: User, stale_weeks: int,
                 now: datetime | None = None) -> ProfilePage:
    """The profile page for `viewer`: the external reference only for those who may see it."""
    now = now or clock.now()
    show_external_ref = can(viewer, "profile.external_ref", profile)
    values = snapshot(profile)
    sections = tuple(
        Section(title, _rows(values, tuple(k for k in keys if show_external_ref or k != EXTERNAL_REF),
                             ("—", "Non") if title == BARRIERS_TITLE else ("—",)),
                "Aucun frein signalé." if title == BARRIERS_TITLE else "—")
        for title, keys in SECTIONS
    )
    updated = clock.aware(profile.updated_at)
    stale = updated < now - timedelta(weeks=stale_weeks)
    consent_text, consent_tone = _consent(profile)
    return ProfilePage(
        title=profile.display_label, reference=profile.reference,
        status_label=profile.status_label, status_tone=STATUS_TONES.get(profile.status, ""),
        ready_text=(f"Proche de l'emploi depuis le {date_fr(profile.job_ready_since)}"
                    if profile.job_ready else ""),
        stale_text=(f"Pas de mise à jour depuis le {date_fr(updated)} : à revoir"
                    if stale else ""),
        consent_text=consent_text, consent_tone=consent_tone,
        consent_changes=tuple(
            f"{datetime_fr(c.at)} : accord {'donné' if c.given else 'retiré'} "
            f"({c.recorded_by.display_name if c.recorded_by else c.source or 'import'})"
            for c in profile.consent_changes),
        sections=sections,
        history=tuple(history(profile, show_external_ref)),
        may_edit=can(viewer, "profile.edit", profile),
        may_export=can(viewer, "profile.export", profile),
    )
