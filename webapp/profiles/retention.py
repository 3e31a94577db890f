"""Retention: profiles of people who left, or untouched for too long, are deleted; anonymous
counts are kept for the indicators and the access log forgets who the rows were about."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select

from webapp.core import clock, registries
from webapp.core.access_log import forget_profile
from webapp.core.models import PURGE_CAUSES, RetainedStatistic
from webapp.extensions import db
from webapp.profiles.models import Profile

# What the purge itself empties of a person: the access log forgets who its rows were about.
FORGOTTEN_TABLES = ("access_log",)


@dataclass(frozen=True)
class RetentionRule:
    months_untouched: int = 24  # RETENTION_MONTHS
    days_after_exit: int = 30  # RETENTION_DAYS_AFTER_EXIT: time to undo a mistaken exit


@dataclass(frozen=True)
class PurgeCandidate:
    profile_id: int
    reference: str
    organisation: str
    cause: str
    since: date

    @property
    def cause_label(self) -> str:
        return PURGE_CAUSES[self.cause]


@dataclass(frozen=True)
class PurgeReport:
    candidates: tuple[PurgeCandidate, ...]
    deleted: int

    def lines(self) -> list[str]:
        """One French line per profile, then the count."""
        lines = [f"{c.reference} · {c.organisation} · {c.cause_label} (depuis le "
                 f"{c.since:%d/%m/%Y})" for c in self.candidates]
        verb = "supprimé(s)" if self.deleted else "à supprimer"
        return [*lines, f"{len(self.candidates)} profil(s) {verb}."]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` months earlier (the last day of the month when it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            day -= 1


def _cause(profile: Profile) -> str:
    return "left" if profile.status == "left" else "inactive"


def _since(profile: Profile) -> date:
    if profile.status == "left" and profile.left_on:
        return profile.left_on
    return profile.updated_at.date()


def purge_candidates(rule: RetentionRule, now: datetime | None = None) -> list[PurgeCandidate]:
    """The profiles the rule deletes, oldest first."""
    now = now or clock.now()
    exit_cutoff = now - timedelta(days=rule.days_after_exit)
    left = and_(Profile.status == "left", or_(
        Profile.left_on <= exit_cutoff.date(),
        and_(Profile.left_on.is_(None), Profile.updated_at < exit_cutoff),
    ))
    untouched = Profile.updated_at < months_before(now, rule.months_untouched)
    profiles = db.session.scalars(
        select(Profile).where(or_(left, untouched)).order_by(Profile.updated_at, Profile.id)
    )
    return [PurgeCandidate(p.id, p.reference, p.organisation.name, _cause(p), _since(p))
            for p in profiles]


def _keep_statistic(profile: Profile) -> None:
    keys = {
        "month": _since(profile).strftime("%Y-%m"),
        "pole_code": profile.pole.code if profile.pole else "",
        "parcours": profile.parcours,
        "final_status": profile.status,
        "cause": _cause(profile),
        "job_ready": profile.job_ready,
    }
    row = db.session.scalar(select(RetainedStatistic).filter_by(**keys))
    if row is None:
        row = RetainedStatistic(**keys, count=0)
        db.session.add(row)
    row.count += 1
    db.session.flush()


def purge_profiles(rule: RetentionRule, dry_run: bool, now: datetime | None = None) -> PurgeReport:
    """Delete what the rule says (nothing with `dry_run`), keeping anonymous counts first."""
    candidates = tuple(purge_candidates(rule, now))
    if dry_run:
        return PurgeReport(candidates, 0)
    for candidate in candidates:
        profile = db.session.get(Profile, candidate.profile_id)
        _keep_statistic(profile)
        forget_profile(profile.id)
        for hook in registries.purge_hooks:  # what the other features hold about them
            hook.run(profile)
        db.session.delete(profile)
    db.session.flush()
    return PurgeReport(candidates, len(candidates))
