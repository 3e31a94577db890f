"""The access log, written where a person is loaded for display: one row per person per page.

`load_shown()` loads a person-bearing record (a profile, or a record with a `.profile`: a
proposal, a promotion, an immersion) with its permission check, and logs the person when the
viewer reads their name (the rule of profiles/labels.py). `log_shown()` does the same for the
people of a list (a caseload page, a shortlist, an agenda). Within one request a person is
logged once; a lazy section of a page (htmx) does not log again the person its page logged.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta

from flask import request
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.access_log import log_listed
from webapp.core.htmx import is_fragment_request
from webapp.core.models import AccessLog
from webapp.core.web import get_or_404
from webapp.extensions import db
from webapp.profiles.labels import shows_person
from webapp.profiles.models import Profile

SECTION_WINDOW = timedelta(minutes=15)  # a page's lazy sections load right after it
LOGGED_KEY = "passerelle.people_logged"


def person_of(record) -> Profile:
    """The person a record is about: the profile itself, or its `.profile`."""
    return record if isinstance(record, Profile) else record.profile


def _page_logged(user: User, profile_id: int, page: str) -> bool:
    return db.session.scalar(select(AccessLog.id).where(
        AccessLog.user_id == user.id, AccessLog.profile_id == profile_id, AccessLog.page == page,
        AccessLog.at >= clock.now() - SECTION_WINDOW).limit(1)) is not None


def log_shown(user: User, people: Iterable[Profile | int], action: str = "view",
              section_of: str | None = None) -> None:
    """Log the people shown to `user` on this request, each once; `section_of` is the page a
    lazy section belongs to (when that page logged the person, the section does not)."""
    logged: set[int] = request.environ.setdefault(LOGGED_KEY, set())  # this request's people
    ids = [person.id if isinstance(person, Profile) else person for person in people]
    fresh = list(dict.fromkeys(i for i in ids if i is not None and i not in logged))
    if section_of is not None and is_fragment_request():
        fresh = [i for i in fresh if not _page_logged(user, i, section_of)]
    logged.update(fresh)
    log_listed(user, fresh, request.path, action=action)


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
