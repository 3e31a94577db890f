"""Today's profiles of a territory in one pass: people counted by organisation, adviser,
status, readiness and how recently their profile was updated. Several indicators (people
ready, caseload per adviser, profiles not updated) read this small aggregated array instead
of scanning the profiles once each."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, func, select

from webapp.dashboard.indicators.registry import Context
from webapp.extensions import db
from webapp.profiles.models import Profile

FRESHNESS = ("fresh", "stale", "old")  # updated within the stale weeks, within 6 months, before
OLD_AFTER_DAYS = 183


@dataclass(frozen=True)
class ProfileGroup:
    organisation_id: int
    ae_id: int | None
    status: str
    job_ready: bool
    freshness: str
    people: int


def profile_summary(ctx: Context) -> list[ProfileGroup]:
    """The territory's profiles grouped, computed once per page."""

    def compute() -> list[ProfileGroup]:
        recent = ctx.now - timedelta(weeks=ctx.stale_weeks)
        old = ctx.now - timedelta(days=OLD_AFTER_DAYS)
        freshness = case((Profile.updated_at >= recent, "fresh"), (Profile.updated_at >= old, "stale"),
                         else_="old")
        columns = (Profile.organisation_id, Profile.ae_id, Profile.status, Profile.job_ready, freshness)
        rows = db.session.execute(select(*columns, func.count()).where(ctx.in_territory(Profile.pole_id))
                                  .group_by(*columns))
        return [ProfileGroup(o, a, s, bool(r), f, int(n)) for o, a, s, r, f, n in rows]

    return ctx.memo("profile_summary", compute)


def counts(groups: list[ProfileGroup], key: Callable[[ProfileGroup], object],
           keep: Callable[[ProfileGroup], bool]) -> dict:
    """{(organisation id, key(group)): people} over the groups kept."""
    totals: dict = {}
    for group in groups:
        if keep(group):
            index = (group.organisation_id, key(group))
            totals[index] = totals.get(index, 0) + group.people
    return totals
