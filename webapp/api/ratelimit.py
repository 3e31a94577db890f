"""Requests per token and per minute: a fixed window counted in Redis in production (shared by
every worker) or in memory in the embedded mode.

Config: API_RATE_LIMIT (requests per window, default 300), API_RATE_WINDOW_SECONDS (60),
API_RATE_LIMIT_STORAGE_URL (`redis://…`; empty means in memory)."""

import logging
import threading
from dataclasses import dataclass

from flask import Flask

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 300
DEFAULT_WINDOW = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window resets


class MemoryCounter:
    """Counts per (key, window) in this process; old windows dropped as time passes."""

    def __init__(self):
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int, expires_in: int) -> int:
        with self._lock:
            for old in [k for k in self._counts if k[1] < window]:
                del self._counts[old]
            self._counts[(key, window)] = self._counts.get((key, window), 0) + 1
            return self._counts[(key, window)]


class RedisCounter:
    """INCR + EXPIRE on one key per (token, window), atomic in a pipeline."""

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5)

    def hit(self, key: str, window: int, expires_in: int) -> int:
        name = f"passerelle:api-rate:{key}:{window}"
        pipeline = self._redis.pipeline()
        pipeline.incr(name)
        pipeline.expire(name, expires_in + 1)
        count, _ = pipeline.execute()
        return int(count)


def counter_for(app: Flask):
    """The app's counter, built once."""
    counter = app.extensions.get("api_rate_counter")
    if counter is None:
        url = app.config.get("API_RATE_LIMIT_STORAGE_URL", "")
        counter = RedisCounter(url) if url else MemoryCounter()
        app.extensions["api_rate_counter"] = counter
    return counter


def check(app: Flask, key: str, now_seconds: float) -> Verdict:
    """Count one request of `key`; whether it is within the limit."""
    limit = int(app.config.get("API_RATE_LIMIT", DEFAULT_LIMIT))
    period = int(app.config.get("API_RATE_WINDOW_SECONDS", DEFAULT_WINDOW))
    window = int(now_seconds // period)
    retry_after = max(1, int((window + 1) * period - now_seconds))
    try:
        count = counter_for(app).hit(key, window, period)
    except Exception:  # a Redis outage must not close the API: let the call through, say so
        logger.exception("API rate-limit storage unavailable; request not counted")
        return Verdict(True, limit, limit, retry_after)
    return Verdict(count <= limit, limit, max(0, limit - count), retry_after)
