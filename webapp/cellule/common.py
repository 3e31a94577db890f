"""What every cellule view shares: committing a form's change, and loading a record
the user may act on."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import abort, flash
from flask_login import current_user

from webapp.cellule.models import CelluleSession, ProfileProposal, SessionLine
from webapp.core.errors import DomainError
from webapp.core.permissions import can
from webapp.extensions import db


@contextmanager
def committed(success: str | Callable[[], str]) -> Iterator[None]:
    """Around one service call of a plain form POST: commit and flash `success`, or roll back
    and flash the service's French refusal (the view then redirects either way)."""
    try:
        yield
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success() if callable(success) else success, "success")


def load_session(session_id: int, action: str = "cellule.view") -> CelluleSession:
    """The session, or a 404 when the user may not act on its cellule."""
    session = db.session.get(CelluleSession, session_id)
    if session is None or not can(current_user, action, session.cellule):
        abort(404)
    return session


def load_proposal(proposal_id: int, action: str = "cellule.view") -> ProfileProposal:
    proposal = db.session.get(ProfileProposal, proposal_id)
    if proposal is None or not can(current_user, action, proposal.cellule):
        abort(404)
    return proposal


def load_line(line_id: int) -> SessionLine:
    line = db.session.get(SessionLine, line_id)
    if line is None or not can(current_user, "cellule.view", line.session.cellule):
        abort(404)
    return line
