"""The access log, written where a person is loaded for display: one row per person per page.

`load_shown()` loads a person-bearing record (a profile, or a record with a `.profile`: a
proposal, a promotion, an immersion) with its permission check, and logs the person when the
viewer reads their name (the rule of profiles/labels.py). `log_shown()` does the same for the
people of a list (a caseload page, a shortlist, an agenda). Within one request a person is
logged once; a lazy section of a page (htmx) does not log again the person its page logged.

The rows of a request are written together, in one INSERT, just before its transaction
commits (or at the end of the request, committed with the page view's transaction by
core/read_requests.py, when the view does not commit):
a page listing people from several places costs one statement, not one per place.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import Protocol

from flask import Flask, has_request_context, request
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.access_log import log_rows
from webapp.core.htmx import is_fragment_request
from webapp.core.models import AccessLog
from webapp.core.web import get_or_404
from webapp.extensions import db
from webapp.profiles.labels import shows_person
from webapp.profiles.models import Profile

SECTION_WINDOW = timedelta(minutes=15)  # a page's lazy sections load right after it
LOGGED_KEY = "passerelle.people_logged"
PENDING_KEY = "passerelle.access_rows"  # this request's rows, not written yet


class PersonShown(Protocol):
    """A row a list shows for a person: its profile id and reference (no query to log it)."""

    id: int
    reference: str


def person_of(record) -> Profile:
    """The person a record is about: the profile itself, or its `.profile`."""
    return record if isinstance(record, Profile) else record.profile


def _page_logged(user: User, profile_ids: list[int], page: str) -> set[int]:
    """Of these people, those the page logged for the user lately (one query for them all)."""
    if not profile_ids:
        return set()
    return set(db.session.scalars(select(AccessLog.profile_id).distinct().where(
        AccessLog.user_id == user.id, AccessLog.profile_id.in_(profile_ids),
        AccessLog.page == page, AccessLog.at >= clock.now() - SECTION_WINDOW)))


def _loaded_reference(profile_id: int) -> str | None:
    """The reference of a profile this request already loaded (no query), else None."""
    profile = db.session.identity_map.get(identity_key(Profile, profile_id))
    return profile.__dict__.get("reference") if profile is not None else None


def log_shown(user: User, people: Iterable[Profile | PersonShown | int], action: str = "view",
              section_of: str | None = None, references: Mapping[int, str] | None = None) -> None:
    """Log the people shown to `user` on this request, each once (a profile, a row with its
    id and reference, or an id); `section_of` is the page a lazy section belongs to (when that
    page logged the person, the section does not); `references` are the profile references a
    page already read, by id (no query for them)."""
    logged: set[int] = request.environ.setdefault(LOGGED_KEY, set())  # this request's people
    people = list(people)
    records = [p for p in people if p is not None and not isinstance(p, int)]
    references = {**(references or {}), **{p.id: p.reference for p in records if p.id is not None}}
    ids = [person if person is None or isinstance(person, int) else person.id for person in people]
    fresh = list(dict.fromkeys(i for i in ids if i is not None and i not in logged))
    if section_of is not None and is_fragment_request():
        logged_by_page = _page_logged(user, fresh, section_of)
        fresh = [i for i in fresh if i not in logged_by_page]
    logged.update(fresh)
    request.environ.setdefault(PENDING_KEY, []).extend(
        (user.id, i, references.get(i) or _loaded_reference(i), action, request.path)
        for i in fresh)


def write_logged() -> None:
    """Write the request's pending rows (one INSERT) into the current transaction."""
    if has_request_context():
        log_rows(request.environ.pop(PENDING_KEY, []))


def _before_commit(session: Session) -> None:
    if has_request_context() and request.environ.get(PENDING_KEY) and session is db.session():
        write_logged()


def _after_rollback(session: Session, _previous_transaction) -> None:
    """Rows of a rolled-back transaction are not written, as when they were inserted at once."""
    if has_request_context() and session is db.session():
        request.environ.pop(PENDING_KEY, None)


def _at_request_end(response):
    if request.environ.get(PENDING_KEY):
        write_logged()
    return response


def init_app(app: Flask) -> None:
    """Write each request's rows before its commit, or at its end."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
    app.after_request(_at_request_end)


def load_shown(model, record_id: int, user: User, action: str, *,
               shows: Callable[[object, User], bool] | None = None,
               section_of: str | None = None, access: str = "view"):
    """Load a person-bearing record for display (a 404 when refused) and log the person shown;
    `shows(record, user)` overrides who reads the name (profiles/labels.py by default)."""
    record = get_or_404(model, record_id, user, action)
    person = person_of(record)
    if (shows or (lambda _, viewer: shows_person(person, viewer)))(record, user):
        log_shown(user, [person], access, section_of)
    return record
