"""The queue's work for notifications: send what was just created, retry what is due (every
minute), and the daily and weekly digests (7 h, Paris time, give or take the season)."""

import logging

from huey import crontab

from webapp.core.notify import PENDING_KEY
from webapp.core.queue import huey, task_context
from webapp.extensions import db
from webapp.notifications import delivery

log = logging.getLogger(__name__)


@huey.task()
def deliver_task(ids: list[int] | None = None) -> dict[str, int]:
    with task_context():
        return delivery.deliver(ids)


@huey.periodic_task(crontab(minute="*"))
def sweep_task() -> dict[str, int]:
    with task_context():
        delivery.release_stale_claims()
        return delivery.deliver(None)


@huey.periodic_task(crontab(hour="6", minute="0"))
def daily_digest_task() -> int:
    with task_context():
        return delivery.send_digests("daily")


@huey.periodic_task(crontab(day_of_week="1", hour="6", minute="0"))
def weekly_digest_task() -> int:
    with task_context():
        return delivery.send_digests("weekly")


def hand_over(ids: list[int]) -> None:
    """Enqueue the sending of new notifications; if the queue is down, the sweep catches up."""
    try:
        deliver_task(ids)
    except Exception:
        log.exception("could not enqueue notifications %s; the sweep will send them", ids)


# What the consumer runs, named for `flask worker` (which lists them when it starts).
TASKS = (deliver_task, sweep_task, daily_digest_task, weekly_digest_task)


@huey.periodic_task(crontab(hour="5", minute="30"))
def reminders_task() -> dict[str, int]:
    """The reminders and notices of the day (6 h 30 or 7 h 30 in Paris), then their e-mails."""
    from webapp.notifications.reminders import run_reminders
    from webapp.notifications.scheduled_notices import NOTICES

    with task_context():
        counts = run_reminders()
        counts.update({notice.__name__: notice() for notice in NOTICES})
        db.session.info.pop(PENDING_KEY, None)  # sent just below, not by a request's hook
        delivery.deliver(None)
        return counts


@huey.periodic_task(crontab(day="1", hour="5", minute="45"))
def monthly_summary_task() -> int:
    from webapp.notifications.scheduled_notices import monthly_summaries

    with task_context():
        given = monthly_summaries()
        db.session.info.pop(PENDING_KEY, None)
        delivery.deliver(None)
        return given


def _all_tasks() -> tuple:
    from webapp.notifications.nightly import TASKS as NIGHTLY
    from webapp.shortlists.stored_obstacles import TASKS as SHORTLISTS

    return (*TASKS, reminders_task, monthly_summary_task, *NIGHTLY, *SHORTLISTS)


TASKS = _all_tasks()
