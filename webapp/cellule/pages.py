"""What the cellule's list and a cellule's page show a given user."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.cellule.calendar import next_session
from webapp.cellule.cellules import visible_cellules
from webapp.cellule.models import (
    MEMBER_ROLES,
    Cellule,
    CelluleSession,
    ProfileProposal,
    SessionLine,
)
from webapp.core.clock import aware
from webapp.core.formatting import datetime_fr
from webapp.core.permissions import can, may
from webapp.extensions import db

PAST_SESSIONS_SHOWN = 12


@dataclass(frozen=True)
class SessionRow:
    id: int
    when: str
    place: str
    status: str
    status_label: str
    people: int
    lines: int
    version: int


@dataclass(frozen=True)
class CelluleSummary:
    id: int
    name: str
    territory: str
    rhythm: str
    next_session: SessionRow | None


@dataclass(frozen=True)
class IndexPage:
    cellules: tuple[CelluleSummary, ...]
    may_create: bool
    may_put_forward: bool
    may_promote: bool
    may_see_events: bool


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class CellulePage:
    cellule: Cellule
    territory: str
    upcoming: tuple[SessionRow, ...]
    past: tuple[SessionRow, ...]
    members: tuple[MemberRow, ...]
    may_run: bool
    may_manage: bool


def _counts(model, session_ids: list[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    return dict(
        db.session.execute(
            select(model.session_id, func.count(model.id))
            .where(model.session_id.in_(session_ids))
            .group_by(model.session_id)
        ).all()
    )


def session_rows(sessions: list[CelluleSession]) -> tuple[SessionRow, ...]:
    ids = [s.id for s in sessions]
    people, lines = _counts(ProfileProposal, ids), _counts(SessionLine, ids)
    return tuple(
        SessionRow(
            s.id,
            datetime_fr(s.starts_at),
            s.place,
            s.status,
            s.status_label,
            people.get(s.id, 0),
            lines.get(s.id, 0),
            s.version,
        )
        for s in sessions
    )


def territory_text(cellule: Cellule) -> str:
    return ", ".join(pole.name for pole in cellule.poles)


def index_page(user: User, now: datetime) -> IndexPage:
    summaries = []
    for cellule in visible_cellules(user):
        upcoming = next_session(cellule, now)
        summaries.append(
            CelluleSummary(
                cellule.id,
                cellule.name,
                territory_text(cellule),
                cellule.rhythm_label,
                session_rows([upcoming])[0] if upcoming else None,
            )
        )
    return IndexPage(
        tuple(summaries),
        may(user, "cellule.create"),
        may(user, "proposal.create"),
        may(user, "profile.promote"),
        may(user, "event.view"),
    )


def cellule_page(user: User, cellule: Cellule, now: datetime) -> CellulePage:
    sessions = db.session.scalars(
        select(CelluleSession)
        .where(CelluleSession.cellule_id == cellule.id)
        .order_by(CelluleSession.scheduled_at)
    ).all()
    upcoming = [s for s in sessions if aware(s.scheduled_at) >= now and s.status == "planned"]
    past = [s for s in reversed(sessions) if s not in upcoming][:PAST_SESSIONS_SHOWN]
    organisation = {
        m.user_id: next((x.organisation.name for x in m.user.memberships if x.role == m.role), "")
        for m in cellule.members
    }
    members = sorted(
        cellule.members, key=lambda m: (list(MEMBER_ROLES).index(m.role), m.user.display_name)
    )
    return CellulePage(
        cellule,
        territory_text(cellule),
        session_rows(upcoming),
        session_rows(past),
        tuple(
            MemberRow(m.id, m.user.display_name, m.role_label, organisation[m.user_id])
            for m in members
        ),
        may_run=can(user, "cellule.run", cellule),
        may_manage=can(user, "cellule.manage", cellule),
    )
