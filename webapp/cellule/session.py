"""A session in progress: decisions, actions and notes typed live, the session header, closing
the minutes, and each owner's actions until they are done.

Lines are appended, never rewritten (a line can only be struck out or marked done), so two
people typing in the same session at once never lose each other's lines; the header (place,
time, summary) carries a version and refuses a stale save.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.cellule.calendar import ensure_next_session, local_day
from webapp.cellule.cellules import check_session_editable
from webapp.cellule.models import LINE_KINDS, CelluleSession, ProfileProposal, SessionLine
from webapp.core import clock
from webapp.core.clock import aware
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr, datetime_fr
from webapp.core.permissions import can
from webapp.extensions import db

MAX_LINE = 1000


@dataclass(frozen=True)
class LineInput:
    kind: str
    text: str
    owner_id: int | None = None
    due_on: date | None = None
    proposal_id: int | None = None


@dataclass(frozen=True)
class HeaderInput:
    scheduled_at: datetime
    place: str
    summary: str


def member_ids(session: CelluleSession) -> set[int]:
    return {member.user_id for member in session.cellule.members}


def line_problems(session: CelluleSession, line: LineInput, today: date) -> dict[str, str]:
    """French problems of a line, by field."""
    problems: dict[str, str] = {}
    if line.kind not in LINE_KINDS:
        problems["kind"] = "Type : décision, action ou note."
    if not line.text.strip():
        problems["text"] = "Texte : écrivez la décision, l'action ou la note."
    elif len(line.text) > MAX_LINE:
        problems["text"] = f"Texte : {MAX_LINE} caractères au plus."
    if line.kind == "action" and line.owner_id is None:
        problems["owner_id"] = "Responsable : une action a toujours quelqu'un qui s'en charge."
    elif line.owner_id is not None and line.owner_id not in member_ids(session):
        problems["owner_id"] = "Responsable : choisissez un membre de la cellule."
    if line.kind == "action" and line.due_on is not None and line.due_on < today:
        problems["due_on"] = "Échéance : elle ne peut pas être déjà passée."
    if (
        line.proposal_id is not None
        and db.session.scalar(
            select(ProfileProposal.session_id).where(ProfileProposal.id == line.proposal_id)
        )
        != session.id
    ):
        problems["proposal_id"] = "Cette ligne ne se rapporte à aucune personne de la séance."
    return problems


def add_line(actor: User, session: CelluleSession, line: LineInput, now: datetime) -> SessionLine:
    """Append a decision, action or note to the session."""
    if not can(actor, "cellule.minute", session.cellule):
        raise NotAllowed("Seuls les membres de la cellule écrivent le compte rendu.")
    check_session_editable(session)
    if problems := line_problems(session, line, now.date()):
        raise Invalid(problems)
    written = SessionLine(
        session_id=session.id,
        kind=line.kind,
        text=line.text.strip(),
        proposal_id=line.proposal_id,
        owner_id=line.owner_id,
        due_on=line.due_on if line.kind == "action" else None,
        author_id=actor.id,
        created_at=now,
    )
    db.session.add(written)
    db.session.flush()
    return written


def strike_line(actor: User, line: SessionLine, now: datetime) -> None:
    """Strike a line out (it stays in the record, crossed out): its author or the animateur."""
    if actor.id != line.author_id and not can(actor, "cellule.run", line.session.cellule):
        raise NotAllowed("Seul l'auteur de la ligne ou l'animateur peut la barrer.")
    check_session_editable(line.session)
    if line.struck_at is None:
        line.struck_at, line.struck_by_id = now, actor.id
        db.session.flush()


def mark_done(actor: User, line: SessionLine, now: datetime) -> None:
    """The owner (or the animateur) says an action is done; it leaves the owner's home page."""
    if line.kind != "action":
        raise Invalid("Seule une action se marque comme faite.")
    if actor.id != line.owner_id and not can(actor, "cellule.run", line.session.cellule):
        raise NotAllowed(f"Cette action est confiée à {line.owner.display_name}.")
    if line.done_at is None:
        line.done_at, line.done_by_id = now, actor.id
        db.session.flush()


def session_lines(session: CelluleSession) -> list[SessionLine]:
    """Every line of the session, in the order they were typed."""
    return list(
        db.session.scalars(
            select(SessionLine).where(SessionLine.session_id == session.id).order_by(SessionLine.id)
        )
    )


@dataclass(frozen=True)
class LineRow:
    """A line as the session screen shows it: the line's columns and its people's names."""

    id: int
    proposal_id: int | None
    kind: str
    text: str
    owner_id: int | None
    owner_name: str | None
    due_on: date | None
    author_id: int | None
    author_name: str | None
    created_at: datetime
    done_at: datetime | None
    struck_at: datetime | None

    @property
    def kind_label(self) -> str:
        return LINE_KINDS.get(self.kind, self.kind)

    @property
    def written_at(self) -> datetime:
        """When the line was typed, timezone-aware (SQLite hands back naive UTC)."""
        return clock.aware(self.created_at)


_OWNER, _AUTHOR = aliased(User, name="owner"), aliased(User, name="author")
# Built once: the screen and its poll read them on every request.
_LINES = (
    select(SessionLine.id, SessionLine.proposal_id, SessionLine.kind, SessionLine.text,
           SessionLine.owner_id, _OWNER.display_name, SessionLine.due_on,
           SessionLine.author_id, _AUTHOR.display_name, SessionLine.created_at,
           SessionLine.done_at, SessionLine.struck_at)
    .outerjoin(_OWNER, _OWNER.id == SessionLine.owner_id)
    .outerjoin(_AUTHOR, _AUTHOR.id == SessionLine.author_id)
    .where(SessionLine.session_id == bindparam("session_id"))
    .order_by(SessionLine.id)
)
_BLOCKS = SessionLine.proposal_id.in_(bindparam("proposal_ids", expanding=True))
_LINES_OF_BLOCKS = _LINES.where(_BLOCKS)
_LINES_OF_BLOCKS_AND_GENERAL = _LINES.where(_BLOCKS | SessionLine.proposal_id.is_(None))
_STAMPS = (
    select(SessionLine.proposal_id, func.count(), func.count(SessionLine.struck_at),
           func.count(SessionLine.done_at))
    .where(SessionLine.session_id == bindparam("session_id"))
    .group_by(SessionLine.proposal_id)
)


def line_rows(session_id: int, proposal_ids: list[int | None] | None = None) -> list[LineRow]:
    """The session's lines in the order they were typed (those of some blocks only: a proposal
    id, or None for the general ones), as plain rows, in one statement."""
    if proposal_ids is None:
        rows = db.session.execute(_LINES, {"session_id": session_id})
    else:
        statement = _LINES_OF_BLOCKS_AND_GENERAL if None in proposal_ids else _LINES_OF_BLOCKS
        rows = db.session.execute(statement, {
            "session_id": session_id, "proposal_ids": [i for i in proposal_ids if i is not None]})
    return [LineRow(*row) for row in rows]


def lines_stamp(lines) -> str:
    """What a block's lines look like, in a few characters: lines are only ever added, struck
    out or marked done, so any change moves one of these counts."""
    lines = list(lines)
    struck = sum(1 for line in lines if line.struck_at is not None)
    done = sum(1 for line in lines if line.done_at is not None)
    return f"{len(lines)}.{struck}.{done}"


def line_stamps(session_id: int) -> dict[int | None, str]:
    """Each block's `lines_stamp` (by proposal id, None for the general lines), in one
    statement that reads no line text."""
    return {
        proposal_id: f"{count}.{struck}.{done}"
        for proposal_id, count, struck, done in db.session.execute(
            _STAMPS, {"session_id": session_id})
    }


def _last_editor(session: CelluleSession) -> str:
    return session.updated_by.display_name if session.updated_by else "quelqu'un"


HEADER_CHANGED = "L'en-tête de la séance a été modifié entre-temps : rechargez la page."


def update_header(actor: User, session: CelluleSession, header: HeaderInput, version: int) -> None:
    """Save time, place and summary; Conflict (saying by whom) when someone saved meanwhile."""
    if not can(actor, "cellule.run", session.cellule):
        raise NotAllowed("Seul l'animateur (ou la direction) modifie l'en-tête de la séance.")
    check_session_editable(session)
    check_version(session, version, lambda: (
        f"L'en-tête a été modifié par {_last_editor(session)} le "
        f"{datetime_fr(aware(session.updated_at))} : "
        "rien n'a été enregistré. Relisez-le, puis enregistrez à nouveau."
    ))
    session.scheduled_at, session.place = header.scheduled_at, header.place.strip()
    session.summary, session.updated_by_id = header.summary.strip(), actor.id
    flush_or_conflict(session, HEADER_CHANGED)


def close_session(actor: User, session: CelluleSession, version: int, now: datetime) -> None:
    """Close the minutes; people still waiting for a CRE go to the next session."""
    if not can(actor, "cellule.run", session.cellule):
        raise NotAllowed("Seul l'animateur (ou la direction) clôt le compte rendu.")
    check_session_editable(session)
    if local_day(session.scheduled_at) > local_day(now):
        raise Invalid(
            f"Cette séance est prévue le {date_fr(session.starts_at)} : son compte rendu "
            "ne peut pas être clos avant."
        )
    check_version(session, version, "La séance a été modifiée entre-temps : rechargez la page.")
    session.status, session.closed_at, session.closed_by_id = "held", now, actor.id
    flush_or_conflict(session, HEADER_CHANGED)
    waiting = db.session.scalars(
        select(ProfileProposal).where(
            ProfileProposal.session_id == session.id, ProfileProposal.status == "pending"
        )
    ).all()
    if waiting:
        following = ensure_next_session(session.cellule, now)
        for proposal in waiting:
            proposal.session = following
        db.session.flush()


def open_actions(user: User) -> list[SessionLine]:
    """The user's actions not done yet (nor struck out), soonest due first."""
    return list(
        db.session.scalars(
            select(SessionLine)
            .where(
                SessionLine.owner_id == user.id,
                SessionLine.kind == "action",
                SessionLine.done_at.is_(None),
                SessionLine.struck_at.is_(None),
            )
            .order_by(SessionLine.due_on.is_(None), SessionLine.due_on, SessionLine.id)
        )
    )
