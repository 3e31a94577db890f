"""The one screen of a session in progress: for each person put forward, the suggested CRE and
the lines typed about them; then the session's general decisions and actions.

Built from plain rows (cellule.screen_people, cellule.session.line_rows) and the viewer's rights
in the cellule read once per screen, not once per person."""

from dataclasses import dataclass
from datetime import datetime

from webapp.accounts.models import User
from webapp.cellule.assign import Suggestion, suggestions_among
from webapp.cellule.cellules import members_by_role
from webapp.cellule.models import CelluleSession
from webapp.cellule.screen_people import PersonRow, screen_people
from webapp.cellule.session import LineRow, line_rows, line_stamps, lines_stamp
from webapp.core.permissions import can

GENERAL = "general"


@dataclass(frozen=True)
class Rights:
    """What the viewer may do on the session's screen (the same for every block)."""

    may_run: bool  # assign, strike anyone's line, edit the header, close
    may_minute: bool  # type lines
    editable: bool  # the session is still planned

    @classmethod
    def of(cls, viewer: User, session: CelluleSession) -> "Rights":
        return cls(can(viewer, "cellule.run", session.cellule),
                   can(viewer, "cellule.minute", session.cellule),
                   session.status == "planned")


@dataclass(frozen=True)
class LineBlock:
    """The lines about one person (or the general ones) and who may own an action."""

    block_id: str  # "general" or the proposal id
    proposal_id: int | None
    lines: tuple[LineRow, ...]
    owners: tuple[tuple[int, str], ...]
    may_write: bool
    may_strike: bool

    @property
    def stamp(self) -> str:
        """What the screen's poll compares to learn the block changed (session.lines_stamp)."""
        return lines_stamp(self.lines)


@dataclass(frozen=True)
class AssignBlock:
    """One person put forward, the CRE suggested for them and the form giving them to one."""

    person: PersonRow
    suggestion: Suggestion | None
    cres: tuple[tuple[int, str], ...]
    may_assign: bool

    @property
    def selected_cre_id(self) -> int | None:
        """The CRE already given the person, else the suggested one."""
        return self.person.assigned_cre_id or (
            self.suggestion.user_id if self.suggestion else None
        )


@dataclass(frozen=True)
class PersonBlock:
    assign: AssignBlock
    lines: LineBlock

    @property
    def person(self) -> PersonRow:
        return self.assign.person


@dataclass(frozen=True)
class Screen:
    session: CelluleSession
    people: tuple[PersonBlock, ...]
    general: LineBlock
    may_run: bool
    editable: bool

    @property
    def shown_references(self) -> dict[int, str]:
        """The people whose name the screen shows, by profile id (for the access log)."""
        return {block.person.profile_id: block.person.reference
                for block in self.people if block.person.shown}


def owners_of(session: CelluleSession) -> tuple[tuple[int, str], ...]:
    """The members who may own an action, by name (one entry per person)."""
    names = {
        member.user_id: member.user.display_name
        for member in session.cellule.members
        if member.user.active
    }
    return tuple(sorted(names.items(), key=lambda item: item[1]))


def cres_of(session: CelluleSession) -> tuple[tuple[int, str], ...]:
    """The cellule's CREs, by name."""
    return tuple((user.id, user.display_name) for user in members_by_role(session.cellule, "cre"))


def block_id_of(proposal_id: int | None) -> str:
    return str(proposal_id) if proposal_id else GENERAL


def _line_block(rights: Rights, owners, proposal_id: int | None, lines) -> LineBlock:
    return LineBlock(
        block_id_of(proposal_id),
        proposal_id,
        tuple(line for line in lines if line.proposal_id == proposal_id),
        owners,
        may_write=rights.editable and rights.may_minute,
        may_strike=rights.editable and rights.may_run,
    )


def line_block(viewer: User, session: CelluleSession, proposal_id: int | None) -> LineBlock:
    """The lines of one block of the screen, fresh from the database."""
    return _line_block(Rights.of(viewer, session), owners_of(session), proposal_id,
                       line_rows(session.id, [proposal_id]))


def line_blocks(viewer: User, session: CelluleSession, block_ids: list[int | None]
                ) -> list[LineBlock]:
    """The lines of some blocks of the screen (a proposal id, None for the general block)."""
    rights, owners = Rights.of(viewer, session), owners_of(session)
    lines = line_rows(session.id, block_ids)
    return [_line_block(rights, owners, proposal_id, lines) for proposal_id in block_ids]


def changed_blocks(viewer: User, session: CelluleSession, seen: dict[str, str]
                   ) -> list[LineBlock]:
    """Of the blocks a screen shows ({block id: the stamp it shows}), those whose lines changed
    since, fresh; nothing more than their stamps is read when none did."""
    current = line_stamps(session.id)
    changed = [
        proposal_id
        for key, stamp in seen.items()
        if key == GENERAL or key.isdigit()
        for proposal_id in [None if key == GENERAL else int(key)]
        if current.get(proposal_id, lines_stamp(())) != stamp
    ]
    return line_blocks(viewer, session, changed) if changed else []


def _assign_blocks(rights: Rights, session: CelluleSession, people: list[PersonRow],
                   now: datetime) -> list[AssignBlock]:
    cres = cres_of(session)
    suggestions = suggestions_among([p.wanted for p in people if p.is_open], list(cres), now)
    return [
        AssignBlock(person, suggestions.get(person.proposal_id), cres,
                    may_assign=person.is_open and rights.editable and rights.may_run)
        for person in people
    ]


def assign_block(viewer: User, session: CelluleSession, proposal_id: int,
                 now: datetime) -> AssignBlock:
    """One person's assignment block, after the form was sent."""
    people = screen_people(viewer, session, proposal_id)
    return _assign_blocks(Rights.of(viewer, session), session, people, now)[0]


def session_screen(viewer: User, session: CelluleSession, now: datetime) -> Screen:
    """Everything on the session screen for this viewer."""
    rights, owners = Rights.of(viewer, session), owners_of(session)
    people = screen_people(viewer, session)
    lines = line_rows(session.id)
    return Screen(
        session,
        tuple(PersonBlock(assign, _line_block(rights, owners, assign.person.proposal_id, lines))
              for assign in _assign_blocks(rights, session, people, now)),
        _line_block(rights, owners, None, lines),
        may_run=rights.may_run,
        editable=rights.editable,
    )
