"""The night's work on the queue, off any web request: offers past their end date expire, every
territory's offers are ranked again (`flask match all`), the retention purge runs.

Each is also a command (`flask offers expire`, `flask match all`, `flask retention purge`);
`flask match all --file` hands the ranking to the worker instead of running it in the shell.
Times are UTC (the queue's clock): 00:15 the expiry, 01:00 the ranking, 02:30 the purge."""

import logging

from flask import current_app
from huey import crontab

from webapp.core import clock
from webapp.core.queue import huey, task_context
from webapp.extensions import db

log = logging.getLogger(__name__)


def expire_offers_now() -> int:
    from webapp.offers.editing import expire_offers

    count = expire_offers(clock.today())
    db.session.commit()
    return count


def match_all_now(pole_id: int | None = None) -> list[str]:
    from webapp.shortlists.batch import rank_territory

    report = rank_territory(pole_id)
    db.session.commit()
    return report.lines()


def purge_now() -> list[str]:
    from webapp.profiles.retention import RetentionRule, purge_profiles

    config = current_app.config
    rule = RetentionRule(months_untouched=config["RETENTION_MONTHS"],
                         days_after_exit=config["RETENTION_DAYS_AFTER_EXIT"])
    report = purge_profiles(rule, dry_run=False)
    db.session.commit()
    return report.lines()


@huey.periodic_task(crontab(hour="0", minute="15"))
def expire_offers_task() -> int:
    with task_context():
        count = expire_offers_now()
        log.info("offers expired: %s", count)
        return count


@huey.task()
def match_all_task(pole_id: int | None = None) -> list[str]:
    with task_context():
        return match_all_now(pole_id)


@huey.periodic_task(crontab(hour="1", minute="0"))
def nightly_match_task() -> list[str]:
    with task_context():
        return match_all_now(None)


@huey.periodic_task(crontab(hour="2", minute="30"))
def retention_purge_task() -> list[str]:
    with task_context():
        return purge_now()


TASKS = (expire_offers_task, match_all_task, nightly_match_task, retention_purge_task)
