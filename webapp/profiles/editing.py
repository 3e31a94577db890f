"""Creating and editing beneficiary profiles (their rules: profiles/rules.py), the history, the
consent record."""

import secrets
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.core import clock, registries
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid
from webapp.core.permissions import scope_for
from webapp.extensions import db
from webapp.profiles.history import (
    changes_since,
    differences,
    record_change,
    snapshot,
)
from webapp.profiles.models import (
    ConsentChange,
    Profile,
    ProfileTarget,
)
from webapp.profiles.rules import (
    NOTELESS_BARRIERS,
    ProfileData,
    TargetData,
    check_profile_data,
)
from webapp.reference.models import Commune

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# A pseudonymous label: first name(s), then at most the initial of the surname ("Karima B.").

PROFILE_CHANGED = ("Ce profil a été modifié pendant que vous le complétiez : relisez les "
                   "changements ci-dessous, puis enregistrez à nouveau (ou rechargez la page).")


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
    "left_reason", "postal_code",
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
                   source: str = "", status_hooks: bool = True) -> bool:
    """Save a profile's new values; Conflict (with the changes) when it changed since
    `expected_version`.
    True when something changed (then one history entry records it). A new status is passed
    to the later features' hooks (a hire, a pause) unless they are the ones moving it."""
    now = now or clock.now()
    check_version(profile, expected_version, PROFILE_CHANGED, changes_since)
    check_profile_data(data)
    if data.ae_id != profile.ae_id:
        check_adviser(profile.organisation_id, data.ae_id)
    data = _clean(data, now.date())
    before = snapshot(profile)
    status_before = profile.status
    _apply(profile, data, by, now, source)
    changes = differences(before, snapshot(profile))
    if not changes:
        return False
    profile.updated_at = now
    flush_or_conflict(profile, PROFILE_CHANGED, changes_since)
    record_change(profile, changes, by, kind, source)
    db.session.flush()
    if status_hooks and profile.status != status_before:
        for hook in registries.profile_status_hooks:
            hook(by, profile, status_before, now)
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
