"""Values a process trusts for a few seconds after reading them from the database.

A figure asked for on every page (a selection's fingerprint, a territory's matching weights)
is read again at most every `setting` seconds (an app setting; 0: every time, as in the tests)
by each process, through the one clock; an edit reaches every process within that delay, and
the process that made it can `clear()` to see it at once.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import timedelta
from typing import Any

from flask import current_app

from webapp.core import clock


class RecentlyRead:
    """A per-process memo of values read at most `setting` seconds ago, `size` keys at most."""

    def __init__(self, setting: str, size: int) -> None:
        self.setting = setting
        self.size = size
        self._read: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()  # key -> (value, read at)

    def get(self, key: Hashable, read: Callable[[], Any]) -> Any:
        """The value kept under `key` if read within the delay, else `read()` (and kept)."""
        seconds, now = current_app.config.get(self.setting, 0), clock.now()
        found = self._read.get(key)
        if seconds > 0 and found and found[1] <= now < found[1] + timedelta(seconds=seconds):
            return found[0]
        value = read()
        self._read[key] = (value, now)
        self._read.move_to_end(key)
        if len(self._read) > self.size:
            self._read.popitem(last=False)
        return value

    def clear(self) -> None:
        self._read.clear()
