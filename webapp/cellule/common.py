"""What every cellule view shares: loading a record the user may act on (a 404 otherwise)."""

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload

from webapp.accounts.models import User
from webapp.cellule.models import (
    Cellule,
    CelluleMember,
    CelluleSession,
    ProfileProposal,
    SessionLine,
)
from webapp.core.permissions import can
from webapp.extensions import db

# The members of a session's cellule are read for their names and rights in the cellule, never
# for their own roles elsewhere: those are not loaded with them. The session, its cellule, its
# members and its pôles come in one statement (a cellule has a few of each).
MEMBERS_BY_NAME = (joinedload(CelluleSession.cellule).joinedload(Cellule.members)
                   .joinedload(CelluleMember.user).lazyload(User.memberships),
                   joinedload(CelluleSession.cellule).joinedload(Cellule.poles))


def load_session(session_id: int, action: str = "cellule.view") -> CelluleSession:
    """The session, or a 404 when the user may not act on its cellule."""
    session = db.session.get(CelluleSession, session_id, options=MEMBERS_BY_NAME)
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
