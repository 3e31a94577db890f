"""The one screen of a session in progress: for each person put forward, the suggested CRE and
the lines typed about them; then the session's general decisions and actions."""

from dataclasses import dataclass
from datetime import datetime

from webapp.accounts.models import User
from webapp.cellule.agenda import AgendaEntry
from webapp.cellule.agenda_sections import proposal_entry
from webapp.cellule.assign import Suggestion, suggestion_for, suggestions_for
from webapp.cellule.cellules import members_by_role
from webapp.cellule.models import CelluleSession, ProfileProposal, SessionLine
from webapp.cellule.session import session_lines
from webapp.core.permissions import can

GENERAL = "general"


@dataclass(frozen=True)
class LineBlock:
    """The lines about one person (or the general ones) and who may own an action."""

    block_id: str  # "general" or the proposal id
    proposal_id: int | None
    lines: tuple[SessionLine, ...]
    owners: tuple[tuple[int, str], ...]
    may_write: bool
    may_strike: bool


@dataclass(frozen=True)
class PersonBlock:
    proposal: ProfileProposal
    entry: AgendaEntry
    suggestion: Suggestion | None
    cres: tuple[tuple[int, str], ...]
    lines: LineBlock
    may_assign: bool

    @property
    def selected_cre_id(self) -> int | None:
        """The CRE already given the person, else the suggested one."""
        return self.proposal.assigned_cre_id or (
            self.suggestion.user_id if self.suggestion else None
        )


@dataclass(frozen=True)
class Screen:
    session: CelluleSession
    people: tuple[PersonBlock, ...]
    general: LineBlock
    may_run: bool
    editable: bool

    @property
    def profile_ids(self) -> list[int]:
        """The people whose label the screen shows (for the access log)."""
        return [block.entry.profile_id for block in self.people if block.entry.profile_id]


def owners_of(session: CelluleSession) -> tuple[tuple[int, str], ...]:
    """The members who may own an action, by name (one entry per person)."""
    names = {
        member.user_id: member.user.display_name
        for member in session.cellule.members
        if member.user.active
    }
    return tuple(sorted(names.items(), key=lambda item: item[1]))


def line_block(
    viewer: User,
    session: CelluleSession,
    proposal_id: int | None,
    lines: list[SessionLine] | None = None,
) -> LineBlock:
    """The lines of one block of the screen, fresh from the database unless given."""
    lines = session_lines(session) if lines is None else lines
    editable = session.status == "planned"
    return LineBlock(
        str(proposal_id) if proposal_id else GENERAL,
        proposal_id,
        tuple(line for line in lines if line.proposal_id == proposal_id),
        owners_of(session),
        may_write=editable and can(viewer, "cellule.minute", session.cellule),
        may_strike=editable and can(viewer, "cellule.run", session.cellule),
    )


def person_block(
    viewer: User,
    proposal: ProfileProposal,
    lines: list[SessionLine] | None = None,
    now: datetime | None = None,
    suggestion: Suggestion | None = None,
) -> PersonBlock:
    """One person's block; the suggestion computed here unless the screen computed them all."""
    cres = tuple((user.id, user.display_name) for user in members_by_role(proposal.cellule, "cre"))
    if suggestion is None and proposal.is_open:
        suggestion = suggestion_for(proposal, now)
    may_assign = (
        proposal.is_open
        and proposal.session.status == "planned"
        and can(viewer, "cellule.run", proposal.cellule)
    )
    return PersonBlock(
        proposal,
        proposal_entry(proposal, viewer),
        suggestion,
        cres,
        line_block(viewer, proposal.session, proposal.id, lines),
        may_assign,
    )


def session_screen(
    viewer: User, session: CelluleSession, proposals: list[ProfileProposal], now: datetime
) -> Screen:
    """Everything on the session screen for this viewer."""
    lines = session_lines(session)
    suggestions = suggestions_for([p for p in proposals if p.is_open], now)
    return Screen(
        session,
        tuple(person_block(viewer, proposal, lines, now, suggestions.get(proposal.id))
              for proposal in proposals),
        line_block(viewer, session, None, lines),
        may_run=can(viewer, "cellule.run", session.cellule),
        editable=session.status == "planned",
    )
