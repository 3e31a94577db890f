"""The night's work is on the queue: offer expiry, the ranking of every territory and the
retention purge are periodic tasks of the worker, and `flask match all --file` hands the
ranking to it."""

from datetime import timedelta

from tests import factories
from tests.clock import TODAY
from webapp.core.queue import huey
from webapp.notifications import nightly
from webapp.notifications.tasks import TASKS


def test_the_nightly_tasks_are_periodic_tasks_of_the_worker():
    periodic = set(huey._registry._periodic_tasks)
    for task in (nightly.expire_offers_task, nightly.nightly_match_task, nightly.retention_purge_task):
        assert task.task_class in periodic and task in TASKS
    assert nightly.match_all_task in TASKS


def test_the_tasks_run_expiry_ranking_and_purge(database, app):
    org = factories.organisation()
    past = factories.offer(org, end_date=TODAY - timedelta(days=1))
    database.session.commit()
    nightly.expire_offers_task()
    nightly.match_all_task(None)
    nightly.retention_purge_task()
    database.session.refresh(past)
    assert past.status == "expired"


def test_match_all_with_file_hands_the_ranking_to_the_worker(app, database, monkeypatch):
    handed = []
    monkeypatch.setattr(nightly, "match_all_task", lambda pole_id: handed.append(pole_id))
    result = app.test_cli_runner().invoke(args=["match", "all", "--pole", "I", "--file"])
    assert result.exit_code == 0 and "confié au travailleur" in result.output
    assert handed == [factories.pole("I").id]
