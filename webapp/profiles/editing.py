"""Creating and editing beneficiary profiles: the checks, the history, the consent record."""

import re
import secrets
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid
from webapp.core.formatting import date_fr, number_fr
from webapp.core.permissions import scope_for
from webapp.extensions import db
from webapp.offers.models import CONTRACTS
from webapp.profiles.history import (
    MAX_TARGETS,
    changes_since,
    differences,
    record_change,
    snapshot,
)
from webapp.profiles.models import (
    BARRIERS,
    PARCOURS,
    PROFILE_STATUSES,
    TRAVEL_MODES,
    ConsentChange,
    Profile,
    ProfileTarget,
)
from webapp.reference.jobs import rome_exists
from webapp.reference.models import Commune
from webapp.reference.places import commune_exists

MAX_TRAVEL_MINUTES = 180
MAX_HOURS_PER_WEEK = 48  # legal weekly maximum
MAX_NOTE_LENGTH = 200
NOTELESS_BARRIERS = frozenset({"health"})  # a flag only: never a diagnosis
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# A pseudonymous label: first name(s), then at most the initial of the surname ("Karima B.").
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


PROFILE_CHANGED = ("Ce profil a été modifié pendant que vous le complétiez : relisez les "
                   "changements ci-dessous, puis enregistrez à nouveau (ou rechargez la page).")


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


def _clean(data: ProfileData, today: date) -> ProfileData:
    """Trimmed texts, no note on a flag-only barrier, readiness dated."""
    barriers = {key: "" if key in NOTELESS_BARRIERS else note.strip()
                for key, note in data.barriers.items()}
    return replace(
        data, label=data.label.strip(), external_ref=data.external_ref.strip(), barriers=barriers,
        left_reason=data.left_reason.strip() if data.status == "left" else "",
        hired_contract=data.hired_contract if data.status == "hired" else None,
        hired_on=data.hired_on if data.status == "hired" else None,
        job_ready_since=(data.job_ready_since or today) if data.job_ready else None,
    )


PLAIN_COLUMNS = (
    "label", "parcours", "entry_date", "weekly_activity_hours", "max_minutes", "max_km",
    "driving_licence", "vehicle", "min_hours_per_week", "max_hours_per_week", "can_night",
    "can_weekend", "can_early_morning", "can_split_shift", "available_from", "qualifications",
    "languages", "job_ready", "job_ready_since", "status", "hired_contract", "hired_on",
    "left_reason",
)


def _apply(profile: Profile, data: ProfileData, by: User | None, now: datetime,
           source: str) -> None:
    for name in PLAIN_COLUMNS:
        setattr(profile, name, getattr(data, name))
    profile.external_ref = data.external_ref or None
    profile.ae = db.session.get(User, data.ae_id) if data.ae_id else None
    profile.commune_insee = data.commune_insee
    profile.pole_id = db.session.get(Commune, data.commune_insee).pole_id
    profile.target_titles = list(data.target_titles)
    profile.mobility_modes = list(data.mobility_modes)
    profile.barriers = dict(data.barriers)
    profile.childcare_constraint = "childcare" in data.barriers
    _apply_targets(profile, data.targets)
    if data.status == "left":
        profile.left_on = profile.left_on or now.date()
    else:
        profile.left_on = None
    if data.consent_promotion != profile.consent_promotion:
        _record_consent(profile, data.consent_promotion, by, now, source)


def _apply_targets(profile: Profile, targets: tuple[TargetData, ...]) -> None:
    """Keep the target rows in rank order, reusing existing rows."""
    rows = list(profile.targets)
    for rank, target in enumerate(targets, start=1):
        row = rows[rank - 1] if rank <= len(rows) else ProfileTarget(rank=rank)
        row.rank, row.rome_code = rank, target.rome_code
        row.experience_months, row.skills = target.experience_months, target.skills.strip()
        if rank > len(rows):
            profile.targets.append(row)
    del profile.targets[len(targets):]


def _record_consent(profile: Profile, given: bool, by: User | None, now: datetime,
                    source: str) -> None:
    profile.consent_promotion = given
    profile.consent_at = now
    profile.consent_recorded_by = by
    profile.consent_changes.append(ConsentChange(given=given, at=now, recorded_by=by,
                                                 source=source))


def new_reference(today: date) -> str:
    """A fresh platform reference, P-2026-7KQ3M9: random, so that two saves never collide."""
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"P-{today.year}-{suffix}"


def create_profile(data: ProfileData, organisation: Organisation, by: User | None,
                   now: datetime | None = None, kind: str = "created", source: str = "") -> Profile:
    """A new profile of `organisation`, checked, with its first history entry."""
    now = now or clock.now()
    check_profile_data(data)
    check_adviser(organisation.id, data.ae_id)
    data = _clean(data, now.date())
    profile = Profile(reference=new_reference(now.date()), organisation=organisation,
                      consent_promotion=False, status=data.status)
    db.session.add(profile)
    _apply(profile, data, by, now, source)
    db.session.flush()
    record_change(profile, differences({}, snapshot(profile)), by, kind, source)
    db.session.flush()
    return profile


def update_profile(profile: Profile, data: ProfileData, expected_version: int | None,
                   by: User | None, now: datetime | None = None, kind: str = "updated",
                   source: str = "") -> bool:
    """Save a profile's new values; Conflict (with the changes) when it changed since
    `expected_version`.
    True when something changed (then one history entry records it)."""
    now = now or clock.now()
    check_version(profile, expected_version, PROFILE_CHANGED, changes_since)
    check_profile_data(data)
    if data.ae_id != profile.ae_id:
        check_adviser(profile.organisation_id, data.ae_id)
    data = _clean(data, now.date())
    before = snapshot(profile)
    _apply(profile, data, by, now, source)
    changes = differences(before, snapshot(profile))
    if not changes:
        return False
    profile.updated_at = now
    flush_or_conflict(profile, PROFILE_CHANGED, changes_since)
    record_change(profile, changes, by, kind, source)
    db.session.flush()
    return True


def data_from_profile(profile: Profile) -> ProfileData:
    """The profile's current values, as a form or an import starts from them."""
    plain = {name: getattr(profile, name) for name in PLAIN_COLUMNS}
    return ProfileData(
        **plain,
        external_ref=profile.external_ref or "",
        ae_id=profile.ae_id,
        commune_insee=profile.commune_insee,
        targets=tuple(TargetData(t.rome_code, t.experience_months, t.skills)
                      for t in profile.targets),
        target_titles=tuple(profile.target_titles or ()),
        mobility_modes=tuple(profile.mobility_modes or ()),
        barriers=dict(profile.barriers or {}),
        consent_promotion=profile.consent_promotion,
    )


def advisers_of(organisation_id: int) -> list[User]:
    """The AEs of an organisation, who may be named référent of its profiles."""
    return list(db.session.scalars(
        select(User).join(Membership).where(
            Membership.organisation_id == organisation_id, Membership.role == "ae", User.active
        ).order_by(User.display_name)
    ).unique())


def creatable_organisations(user: User) -> list[Organisation]:
    """The organisations the user may create profiles in, by name."""
    found = {m.organisation_id: m.organisation for m in user.memberships
             if scope_for(m.role, "profile.create")}
    return sorted(found.values(), key=lambda organisation: organisation.name)


def check_adviser(organisation_id: int, ae_id: int | None) -> None:
    """Invalid when the chosen référent is not an AE of the profile's organisation."""
    if ae_id is not None and ae_id not in {user.id for user in advisers_of(organisation_id)}:
        raise Invalid([("ae_id", "Choisissez un accompagnateur de l'organisation.")])
