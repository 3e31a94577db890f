"""Concurrent edits: one version check before a change, one flush that turns a lost race into
the one `Conflict` error.

Models carry a `version` column (`version_id_col`); a form sends back the version it was built
from. `check_version()` refuses a change made from an older version; `flush_or_conflict()`
catches the race the check cannot see (two saves at the same instant). Where the record keeps
a history, the caller passes `history(record, since_version)` and the conflict lists what the
other person changed (`Conflict.changes`), so the conflict page can show it.
"""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from webapp.core.errors import Conflict
from webapp.extensions import db

History = Callable[[Any, int], Sequence[Any]]
Message = str | Callable[[], str]  # a callable when saying who changed what costs a query

STALE = ("Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie : rien n'a été "
         "enregistré. Rechargez la page pour voir ses changements.")


def _conflict(record, since_version: int | None, message: Message | None,
              history: History | None) -> Conflict:
    changes = history(record, since_version) if history and since_version is not None else ()
    text = message() if callable(message) else message
    return Conflict(text or STALE, changes=list(changes))


def check_version(record, sent_version: int | None, message: Message | None = None,
                  history: History | None = None) -> None:
    """Conflict when the record moved on since the version the form was built from (None: the
    caller sent no version, nothing to compare)."""
    if sent_version is not None and sent_version != record.version:
        raise _conflict(record, sent_version, message, history)


def flush_or_conflict(record=None, message: Message | None = None,
                      history: History | None = None) -> None:
    """Flush; on a lost race, roll back and raise Conflict (with the other person's changes
    when the record and its history are given)."""
    read_version = None
    if record is not None:
        with db.session.no_autoflush:
            read_version = record.version
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise _conflict(record, read_version, message, history) from None
