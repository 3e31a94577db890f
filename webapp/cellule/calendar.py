"""When a cellule meets: the dates its rhythm gives, and the sessions planned from them."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from webapp.cellule.models import AgendaItem, Cellule, CelluleSession, ProfileProposal, SessionLine
from webapp.cellule.public_holidays import working_days
from webapp.core.clock import aware
from webapp.core.formatting import PARIS
from webapp.extensions import db

PLANNING_HORIZON_DAYS = 92  # sessions are planned about three months ahead
FIRST_WEEK, THIRD_WEEK = 1, 3


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def session_dates(
    rhythm: str, weekday: int, last: date | None, start: date, until: date
) -> list[date]:
    """The meeting days in [start, until] after `last`, for a rhythm (see models.RHYTHMS),
    public holidays left out."""
    floor = max(last + timedelta(days=1), start) if last else start
    days: list[date] = []
    if rhythm == "fortnightly":
        day = (
            last + timedelta(days=14)
            if last
            else floor + timedelta(days=(weekday - floor.weekday()) % 7)
        )
        while day < floor:
            day += timedelta(days=14)
        while day <= until:
            days.append(day)
            day += timedelta(days=14)
        return working_days(days)
    weeks = (FIRST_WEEK, THIRD_WEEK) if rhythm == "twice_monthly" else (FIRST_WEEK,)
    step = 2 if rhythm == "every_two_months" else 1
    year, month = floor.year, floor.month
    if step == 2 and last:  # keep the parity of the months the cellule already met in
        year, month = _add_months(last.year, last.month, 2)
    elif step == 2 and nth_weekday(year, month, weekday, FIRST_WEEK) < floor:
        year, month = _add_months(year, month, 1)
    while date(year, month, 1) <= until:
        days += [d for n in weeks if floor <= (d := nth_weekday(year, month, weekday, n)) <= until]
        year, month = _add_months(year, month, step)
    return working_days(days)


def at_local_time(day: date, start: time) -> datetime:
    """A Paris wall-clock moment, as the aware UTC datetime the database keeps."""
    return datetime.combine(day, start, tzinfo=PARIS).astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The Paris calendar day of a stored moment."""
    return aware(moment).astimezone(PARIS).date()


def local_time(moment: datetime) -> time:
    """The Paris wall-clock time of a stored moment."""
    return aware(moment).astimezone(PARIS).time()


def last_session(cellule: Cellule) -> CelluleSession | None:
    return db.session.scalars(
        select(CelluleSession)
        .where(CelluleSession.cellule_id == cellule.id)
        .order_by(CelluleSession.scheduled_at.desc())
    ).first()


def plan_sessions(
    cellule: Cellule, today: date, horizon_days: int = PLANNING_HORIZON_DAYS
) -> list[CelluleSession]:
    """Create the planned sessions the rhythm gives up to the horizon, after the last one."""
    last = last_session(cellule)
    days = session_dates(
        cellule.rhythm,
        cellule.weekday,
        local_day(last.scheduled_at) if last else None,
        today,
        today + timedelta(days=horizon_days),
    )
    created = [
        CelluleSession(
            cellule=cellule,
            scheduled_at=at_local_time(day, cellule.start_time),
            place=cellule.place,
            status="planned",
        )
        for day in days
    ]
    db.session.add_all(created)
    db.session.flush()
    return created


def _is_empty(session: CelluleSession) -> bool:
    """True when nothing hangs on a session yet (no one put forward, no line, no agenda note)."""
    for model in (ProfileProposal, SessionLine, AgendaItem):
        if db.session.scalar(select(model.id).where(model.session_id == session.id).limit(1)):
            return False
    return True


def replan_sessions(cellule: Cellule, now: datetime) -> list[CelluleSession]:
    """After a change of rhythm: drop the empty future sessions, plan again from the last kept one."""
    future = db.session.scalars(
        select(CelluleSession).where(
            CelluleSession.cellule_id == cellule.id,
            CelluleSession.status == "planned",
            CelluleSession.scheduled_at > now,
        )
    ).all()
    for session in future:
        if _is_empty(session):
            db.session.delete(session)
    db.session.flush()
    return plan_sessions(cellule, local_day(now))


def next_session(cellule: Cellule, now: datetime) -> CelluleSession | None:
    """The first planned session from today on (reads only)."""
    start = at_local_time(local_day(now), time.min)
    return db.session.scalars(
        select(CelluleSession)
        .where(
            CelluleSession.cellule_id == cellule.id,
            CelluleSession.status == "planned",
            CelluleSession.scheduled_at >= start,
        )
        .order_by(CelluleSession.scheduled_at)
    ).first()


def ensure_next_session(cellule: Cellule, now: datetime) -> CelluleSession:
    """The next planned session, planning the coming ones from the rhythm when there is none."""
    found = next_session(cellule, now)
    if found is None:
        plan_sessions(cellule, local_day(now))
        found = next_session(cellule, now)
    if found is None:  # the last session lies beyond the horizon: plan from it anyway
        found = plan_sessions(cellule, local_day(now), horizon_days=366)[0]
    return found


def earlier_sessions(session: CelluleSession) -> tuple:
    """SQL conditions on CelluleSession: the cellule's sessions before this one that were not
    cancelled."""
    return (CelluleSession.cellule_id == session.cellule_id, CelluleSession.status != "cancelled",
            CelluleSession.scheduled_at < session.scheduled_at)


def previous_session(session: CelluleSession) -> CelluleSession | None:
    """The cellule's last session before this one that was not cancelled."""
    return db.session.scalars(
        select(CelluleSession)
        .where(*earlier_sessions(session))
        .order_by(CelluleSession.scheduled_at.desc())
    ).first()
