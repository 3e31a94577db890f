"""The obstacles of a caseload, computed by the task queue and stored in the database: ranking
every person of a caseload against every offer in reach takes seconds (2.75 s of CPU for an AE
at demo ×10), which no web request should wait for, and a result kept in one web process's
memory is computed again by the others.

One row per user (`CaseloadObstacles`) holds the latest result and the key it was computed
from: the caseload's rows' fingerprint, the offer pool's, the weights, the day and the engine's
version. The section shows the result when its key is the current one; otherwise it asks the
queue once (a conditional update: one winner across processes and machines) and says
« calcul en cours… » until the worker has stored it."""

import hashlib
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from matching.obstacles import Obstacle, obstacles
from matching.weights import ENGINE_VERSION
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.permissions import visible_clause
from webapp.core.queue import huey, task_context
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.shortlists.inputs import (
    RANKED_PROFILE_STATUSES,
    exchange_profiles,
    fingerprint,
    offer_pool,
    recheck_now,
)
from webapp.shortlists.live import engine_for
from webapp.shortlists.models import CaseloadObstacles

log = logging.getLogger(__name__)

# An ask older than this whose result has not come (a lost task, a failure) is made again.
ASK_AGAIN_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class ObstaclesState:
    """What the section can show: the obstacles, or that they are being computed, or failed."""

    obstacles: tuple[Obstacle, ...] | None  # None until computed for the current key
    failed: bool = False

    @property
    def pending(self) -> bool:
        return self.obstacles is None and not self.failed


def _caseload(user: User):
    return (visible_clause(user, "profile.caseload", Profile)
            & Profile.status.in_(RANKED_PROFILE_STATUSES))


def _engine(user: User):
    """The engine of the caseload's territory, None for an empty caseload."""
    first = db.session.execute(
        select(Profile.pole_id).where(_caseload(user)).order_by(Profile.id).limit(1)).first()
    return None if first is None else engine_for(first.pole_id)


def _key(user: User, engine) -> str:
    """Everything the result depends on, hashed, written the same by every process: the
    fingerprints without the database URL (spelt as each machine was told) and with their
    newest change in UTC (a driver gives it in the session's time zone)."""
    offers = visible_clause(user, "offer.view", Offer) & (Offer.status == "open")
    parts = (*fingerprint(Profile, _caseload(user))[1:], *fingerprint(Offer, offers)[1:],
             engine.weights, engine.today, ENGINE_VERSION)
    return hashlib.sha256(repr(tuple(map(_in_utc, parts))).encode()).hexdigest()


def _in_utc(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def obstacles_state(user: User) -> ObstaclesState:
    """The user's caseload obstacles if stored for the current key; else the queue is asked
    (once per key, whichever process sees it first) and the state says pending or failed."""
    engine = _engine(user)
    if engine is None:
        return ObstaclesState(())
    key = _key(user, engine)
    row = db.session.get(CaseloadObstacles, user.id)
    if row is not None and row.key == key:
        return ObstaclesState(_loaded(row.obstacles))
    if not _ask(user.id, key, row is not None):
        return ObstaclesState(None, failed=row is not None and row.asked_key == key
                              and row.failed_at is not None)
    try:
        caseload_obstacles_task(user.id)
    except Exception:
        log.exception("could not queue the obstacles of user %s", user.id)
        _mark_failed(user.id)
        return ObstaclesState(None, failed=True)
    row = db.session.get(CaseloadObstacles, user.id, populate_existing=True)
    if row is not None and row.key == key:  # the queue in immediate mode ran it at once
        return ObstaclesState(_loaded(row.obstacles))
    return ObstaclesState(None)


def _ask(user_id: int, key: str, exists: bool) -> bool:
    """Record that `key` is asked for, committed; False when it was asked already (and not so
    long ago that it must have been lost): another request queued it."""
    now = clock.now()
    if exists:
        table = CaseloadObstacles
        asked = db.session.execute(
            update(table).where(table.user_id == user_id, or_(
                table.asked_key.is_(None), table.asked_key != key,
                table.asked_at < now - ASK_AGAIN_AFTER))
            .values(asked_key=key, asked_at=now, failed_at=None)
            .execution_options(synchronize_session=False)).rowcount == 1
    else:
        try:
            with db.session.begin_nested():
                db.session.add(CaseloadObstacles(user_id=user_id, asked_key=key, asked_at=now))
            asked = True
        except IntegrityError:  # another request inserted it just now
            asked = False
    if asked:
        db.session.commit()
    return asked


def _loaded(stored: list[dict] | None) -> tuple[Obstacle, ...]:
    return tuple(Obstacle(**item) for item in stored or ())


def store_caseload_obstacles(user_id: int) -> bool:
    """Compute and store the obstacles of a user's caseload (the queue's task); False when
    nothing was to compute (the user is gone, the caseload is empty, or the result for the
    current key is stored already)."""
    user = db.session.get(User, user_id)
    if user is None:
        return False
    recheck_now()  # stored for every process to trust: from the rows as they are now
    engine = _engine(user)
    if engine is None:
        return False
    key = _key(user, engine)  # before reading the rows: a change meanwhile makes it stale
    row = db.session.get(CaseloadObstacles, user_id)
    if row is not None and row.key == key:
        return False
    indexed = offer_pool(engine, visible_clause(user, "offer.view", Offer))
    records, _ = exchange_profiles(db.session.scalars(select(Profile).where(_caseload(user))).all())
    found = [asdict(item) for item in obstacles(engine, records, indexed.pool)]
    if row is None:
        row = CaseloadObstacles(user_id=user_id)
        db.session.add(row)
    row.key, row.obstacles, row.computed_at, row.failed_at = key, found, clock.now(), None
    return True


def _mark_failed(user_id: int) -> None:
    db.session.execute(update(CaseloadObstacles).where(CaseloadObstacles.user_id == user_id)
                       .values(failed_at=clock.now()))
    db.session.commit()


@huey.task(retries=2, retry_delay=30, context=True)
def caseload_obstacles_task(user_id: int, task=None) -> bool:
    """Store a user's caseload obstacles (the worker); after the last try fails, the section
    says the computation failed (huey logs each failure and tries again 30 s later)."""
    with task_context():
        try:
            computed = store_caseload_obstacles(user_id)
            db.session.commit()
            return computed
        except Exception:
            db.session.rollback()
            if task is None or not task.retries:
                _mark_failed(user_id)
            raise


TASKS = (caseload_obstacles_task,)
