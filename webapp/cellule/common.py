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
# for their own roles elsewhere: those are not loaded with them. The session, its cellule and its
# members come in one statement (a cellule has a few); its pôles only when asked (read on access).
_MEMBERS = (joinedload(CelluleSession.cellule).joinedload(Cellule.members)
            .joinedload(CelluleMember.user).lazyload(User.memberships))
MEMBERS_BY_NAME = (_MEMBERS, joinedload(CelluleSession.cellule).lazyload(Cellule.poles))
# The agenda reads the cellule's territory too: its pôles, in the same statement.
MEMBERS_AND_POLES = (_MEMBERS, joinedload(CelluleSession.cellule).joinedload(Cellule.poles))


def load_session(session_id: int, action: str = "cellule.view", *,
                 with_poles: bool = False) -> CelluleSession:
    """The session, or a 404 when the user may not act on its cellule; `with_poles` loads the
    cellule's pôles with it (the agenda's territory)."""
    session = db.session.get(CelluleSession, session_id,
                             options=MEMBERS_AND_POLES if with_poles else MEMBERS_BY_NAME)
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
