"""The dashboard's figures kept a few minutes per territory, organisation and period.

The indicators do not depend on who reads them (the access check comes first, in the route),
so every reader of the same selection shares one computation. The page says when its figures
were computed and for how long they are kept: a proposal recorded a minute ago may show only
at the next computation, which is harmless for monthly trends. DASHBOARD_CACHE_SECONDS = 0
turns the cache off. Each gunicorn worker keeps its own copy (no pickling, no shared store):
at most one computation per worker and selection every few minutes."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from threading import Lock
from typing import Any

from flask import current_app

from webapp.core import clock

MAX_KEPT = 256  # selections kept per worker; the oldest go first
_lock = Lock()


@dataclass(frozen=True)
class Kept:
    value: Any
    computed_at: datetime


def keep_seconds() -> int:
    return int(current_app.config.get("DASHBOARD_CACHE_SECONDS", 0))


def kept(key: tuple, compute: Callable[[], Any], not_before: datetime | None = None) -> Kept:
    """The value computed for `key` less than DASHBOARD_CACHE_SECONDS ago (and not before
    `not_before`: what it was made from), else computed now."""
    now, seconds = clock.now(), keep_seconds()
    if seconds <= 0:
        return Kept(compute(), now)
    store: dict[tuple, Kept] = current_app.extensions.setdefault("dashboard_cache", {})
    found = store.get(key)
    if found and found.computed_at <= now < found.computed_at + timedelta(seconds=seconds) \
            and (not_before is None or found.computed_at >= not_before):
        return found
    fresh = Kept(compute(), now)
    with _lock:
        store.pop(key, None)
        store[key] = fresh
        while len(store) > MAX_KEPT:
            store.pop(next(iter(store)))
    return fresh
