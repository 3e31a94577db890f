"""The task queue (Huey): SQLite under instance/ by default, Redis when QUEUE_URL says redis://.

The huey object exists at import so tasks can be declared with `@huey.task()`; `configure_queue()`
(called by create_app) picks its storage from the app's config. Tests run it in immediate mode
(tasks run at once, in memory); the worker (`flask worker`) runs the real consumer.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import Huey
from huey.storage import RedisStorage, SqliteStorage

log = logging.getLogger(__name__)

QUEUE_NAME = "passerelle"

# Starts in immediate (memory) mode: nothing touches a file or a server before the app says how.
huey = Huey(QUEUE_NAME, immediate=True, results=False, utc=True)
_worker_app: Flask | None = None


def storage_for(url: str, instance_path: str, name: str = QUEUE_NAME) -> RedisStorage | SqliteStorage:
    """The storage a QUEUE_URL names: redis://… or, when empty, instance/huey.sqlite."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage(name, url=url)
    filename = url.removeprefix("sqlite:///") if url else str(Path(instance_path) / "huey.sqlite")
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    return SqliteStorage(name, filename=filename)


def configure_queue(app: Flask) -> None:
    """Immediate mode when QUEUE_IMMEDIATE (tests), else the storage of QUEUE_URL."""
    if app.config.get("QUEUE_IMMEDIATE", app.testing):
        huey.immediate = True
        return
    huey._immediate = False
    huey.storage = storage_for(app.config.get("QUEUE_URL", ""), app.instance_path,
                               app.config.get("QUEUE_NAME") or QUEUE_NAME)  # a bench's own name


def queue_label(app: Flask) -> str:
    """Where tasks wait, in French, for `make run` and the worker's first line."""
    url = app.config.get("QUEUE_URL", "")
    return f"Redis ({url})" if url.startswith("redis") else "SQLite (instance/huey.sqlite)"


def bind_worker_app(app: Flask) -> None:
    """The app the worker's threads run their tasks in."""
    global _worker_app
    _worker_app = app


@contextmanager
def task_context() -> Iterator[Flask]:
    """An app context for a task: the current one (immediate mode), else the worker's."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    app = _worker_app
    if app is None:
        from webapp import create_app

        app = create_app()  # a consumer started by huey_consumer rather than `flask worker`
        bind_worker_app(app)
    with app.app_context():
        yield app

