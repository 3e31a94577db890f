"""Cellules emploi: their territory, settings and members, and single sessions added or cancelled
(a session is moved from its screen's header: cellule.session.update_header)."""

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.calendar import ensure_next_session, plan_sessions, replan_sessions
from webapp.cellule.models import (
    MEMBER_ROLES,
    RHYTHMS,
    WEEKDAYS,
    Cellule,
    CelluleMember,
    CelluleSession,
    ProfileProposal,
    cellule_pole,
)
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import READER_ROLES, can, may, visible_clause
from webapp.extensions import db
from webapp.profiles.consent import share_profile, unshare_profile
from webapp.reference.models import Pole

MAX_LIMIT = 50
SETTINGS_CHANGED = "Ces réglages ont été modifiés entre-temps : rechargez la page."
SESSION_CHANGED = "Cette séance a été modifiée entre-temps : rechargez la page."


@dataclass(frozen=True)
class CelluleSettings:
    """What the animateur (or an administrator) types about a cellule."""

    name: str
    pole_ids: tuple[int, ...]
    rhythm: str = "twice_monthly"
    weekday: int = 1
    start_time: time = time(9, 30)
    place: str = ""
    max_employers_per_profile: int = 3
    max_cards_per_employer_week: int = 5


def settings_problems(values: CelluleSettings, cellule_id: int | None = None) -> dict[str, str]:
    """The French problems of a cellule's settings, by field; empty when they can be saved."""
    problems: dict[str, str] = {}
    if not values.name.strip():
        problems["name"] = "Nom : indiquez le nom de la cellule."
    elif db.session.scalar(
        select(Cellule.id).where(
            Cellule.name == values.name.strip(), Cellule.id != (cellule_id or 0)
        )
    ):
        problems["name"] = f"Nom : une cellule s'appelle déjà « {values.name.strip()} »."
    if not values.pole_ids:
        problems["pole_ids"] = "Territoire : choisissez au moins un pôle."
    else:
        taken = db.session.execute(
            select(Pole.name, Cellule.name)
            .join(cellule_pole, cellule_pole.c.pole_id == Pole.id)
            .join(Cellule, Cellule.id == cellule_pole.c.cellule_id)
            .where(Pole.id.in_(values.pole_ids), Cellule.id != (cellule_id or 0))
        ).first()
        if taken:
            problems["pole_ids"] = f"Territoire : le {taken[0]} a déjà sa cellule (« {taken[1]} »)."
    if values.rhythm not in RHYTHMS:
        problems["rhythm"] = "Rythme : choisissez un rythme dans la liste."
    if values.weekday is None or not 0 <= values.weekday < len(WEEKDAYS):
        problems["weekday"] = "Jour : choisissez un jour de la semaine."
    for name in ("max_employers_per_profile", "max_cards_per_employer_week"):
        if (limit := getattr(values, name)) is None or not 1 <= limit <= MAX_LIMIT:
            problems[name] = f"Seuil d'alerte : un nombre entre 1 et {MAX_LIMIT}."
    return problems


def check_settings(values: CelluleSettings, cellule_id: int | None = None) -> None:
    """Invalid naming every problem of the typed settings at once (the form's check)."""
    if problems := settings_problems(values, cellule_id):
        raise Invalid(problems)


def _apply(cellule: Cellule, values: CelluleSettings) -> None:
    cellule.name, cellule.place = values.name.strip(), values.place.strip()
    cellule.rhythm, cellule.weekday, cellule.start_time = (
        values.rhythm,
        values.weekday,
        values.start_time,
    )
    cellule.max_employers_per_profile = values.max_employers_per_profile
    cellule.max_cards_per_employer_week = values.max_cards_per_employer_week
    cellule.poles = list(db.session.scalars(select(Pole).where(Pole.id.in_(values.pole_ids))))


def territory_staff(pole_ids: tuple[int, ...] | list[int]) -> list[tuple[User, str]]:
    """(user, role) of the active professionals whose role is held for one of these pôles."""
    rows = db.session.execute(
        select(User, Membership.role)
        .join(Membership)
        .join(Organisation)
        .where(
            User.active,
            Membership.role.in_(MEMBER_ROLES),
            (Membership.pole_id.in_(pole_ids))
            | (Membership.pole_id.is_(None) & Organisation.pole_id.in_(pole_ids)),
        )
        .order_by(User.display_name)
    ).all()
    return list(dict.fromkeys((user, role) for user, role in rows))


def create_cellule(actor: User, values: CelluleSettings, now: datetime) -> Cellule:
    """A new cellule, with the territory's professionals as members and its sessions planned."""
    if not may(actor, "cellule.create"):
        raise NotAllowed("Seul un administrateur crée les cellules emploi.")
    if problems := settings_problems(values):
        raise Invalid(problems)
    cellule = Cellule()
    _apply(cellule, values)
    db.session.add(cellule)
    cellule.members = [
        CelluleMember(user=user, role=role) for user, role in territory_staff(values.pole_ids)
    ]
    db.session.flush()
    plan_sessions(cellule, now.date())
    return cellule


def update_cellule(
    actor: User, cellule: Cellule, values: CelluleSettings, version: int, now: datetime
) -> Cellule:
    """Save the settings; a change of rhythm, day or time plans the coming sessions again."""
    if not can(actor, "cellule.manage", cellule):
        raise NotAllowed("Vous ne pouvez pas modifier les réglages de cette cellule.")
    check_version(cellule, version, SETTINGS_CHANGED)
    if problems := settings_problems(values, cellule.id):
        raise Invalid(problems)
    rhythm_before = (cellule.rhythm, cellule.weekday, cellule.start_time)
    _apply(cellule, values)
    flush_or_conflict(cellule, SETTINGS_CHANGED)
    if rhythm_before != (cellule.rhythm, cellule.weekday, cellule.start_time):
        replan_sessions(cellule, now)
    return cellule


def _open_proposals(cellule: Cellule) -> list[ProfileProposal]:
    return list(
        db.session.scalars(
            select(ProfileProposal).where(
                ProfileProposal.cellule_id == cellule.id,
                ProfileProposal.status.in_(("pending", "assigned")),
            )
        )
    )


def add_member(actor: User, cellule: Cellule, user: User, role: str) -> CelluleMember:
    """A new member; a CRE or an animateur also sees the people currently put forward."""
    if not can(actor, "cellule.manage", cellule):
        raise NotAllowed("Vous ne pouvez pas modifier les membres de cette cellule.")
    if role not in MEMBER_ROLES or role not in user.roles:
        raise Invalid(
            f"{user.display_name} n'a pas le rôle « {MEMBER_ROLES.get(role, role)} ».", "role"
        )
    if any(m.user_id == user.id and m.role == role for m in cellule.members):
        raise Invalid(f"{user.display_name} est déjà membre de la cellule.", "user_id")
    member = CelluleMember(user=user, role=role)
    cellule.members.append(member)
    if role in READER_ROLES:
        for proposal in _open_proposals(cellule):
            share_profile(proposal.profile, user, "cellule", actor)
    db.session.flush()
    return member


def remove_member(actor: User, cellule: Cellule, member: CelluleMember) -> None:
    """Remove a member; they stop seeing the people put forward (not those they promote)."""
    if not can(actor, "cellule.manage", cellule) or member.cellule_id != cellule.id:
        raise NotAllowed("Vous ne pouvez pas modifier les membres de cette cellule.")
    if member.role in READER_ROLES:
        for proposal in _open_proposals(cellule):
            unshare_profile(proposal.profile, member.user, "cellule")
    cellule.members.remove(member)
    db.session.flush()


def ensure_member(cellule: Cellule, user: User, role: str) -> None:
    """Make the user a member with this role when they are not one yet (an AE putting forward)."""
    if not any(m.user_id == user.id and m.role == role for m in cellule.members):
        cellule.members.append(CelluleMember(user=user, role=role))
        db.session.flush()


def cellule_of_pole(pole_id: int | None) -> Cellule | None:
    """The active cellule whose territory holds this pôle."""
    if pole_id is None:
        return None
    return db.session.scalar(
        select(Cellule).join(cellule_pole).where(cellule_pole.c.pole_id == pole_id, Cellule.active)
    )


def visible_cellules(user: User) -> list[Cellule]:
    """The cellules the user may open, by name."""
    return list(
        db.session.scalars(
            select(Cellule)
            .where(visible_clause(user, "cellule.view", Cellule), Cellule.active)
            .order_by(Cellule.name)
        )
    )


def readers_of(cellule: Cellule) -> list[User]:
    """The members who see the profiles put forward: its CREs and its animateur(s)."""
    return sorted(
        {user for role in READER_ROLES for user in members_by_role(cellule, role)},
        key=lambda user: user.id,
    )


def members_by_role(cellule: Cellule, role: str) -> list[User]:
    """The active members holding a role there, by name."""
    users = {m.user for m in cellule.members if m.role == role and m.user.active}
    return sorted(users, key=lambda user: user.display_name)


def check_session_editable(session: CelluleSession) -> None:
    """Invalid, in French, when the session was cancelled or its minutes are closed."""
    if session.status == "cancelled":
        raise Invalid("Cette séance a été annulée.")
    if session.status == "held":
        raise Invalid("Le compte rendu de cette séance est clos : notez-le à la prochaine séance.")


def add_session(actor: User, cellule: Cellule, when: datetime, place: str) -> CelluleSession:
    """An extra session, outside the rhythm."""
    if not can(actor, "cellule.run", cellule):
        raise NotAllowed("Vous ne pouvez pas ajouter de séance à cette cellule.")
    session = CelluleSession(
        cellule=cellule,
        scheduled_at=when,
        place=place.strip() or cellule.place,
        status="planned",
        updated_by_id=actor.id,
    )
    db.session.add(session)
    db.session.flush()
    return session


def cancel_session(actor: User, session: CelluleSession, version: int) -> None:
    """Cancel one session; the people put forward to it move to the next one."""
    if not can(actor, "cellule.run", session.cellule):
        raise NotAllowed("Vous ne pouvez pas annuler cette séance.")
    check_session_editable(session)
    check_version(session, version, SESSION_CHANGED)
    session.status, session.updated_by_id = "cancelled", actor.id
    flush_or_conflict(session, SESSION_CHANGED)
    waiting = db.session.scalars(
        select(ProfileProposal).where(
            ProfileProposal.session_id == session.id, ProfileProposal.status == "pending"
        )
    ).all()
    if waiting:
        following = ensure_next_session(session.cellule, session.scheduled_at)
        for proposal in waiting:
            proposal.session = following
        db.session.flush()
