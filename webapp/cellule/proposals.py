"""Putting a person forward to the next session of their territory's cellule emploi."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.accounts.models import User
from webapp.cellule.calendar import ensure_next_session
from webapp.cellule.cellules import cellule_of_pole, ensure_member, readers_of
from webapp.cellule.models import OPEN_PROPOSAL_STATUSES, CelluleSession, ProfileProposal
from webapp.cellule.profile_status import settle_profile_status
from webapp.core.concurrency import flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import OWN, can, scopes_of, visible_clause
from webapp.core.workflow import Move, Workflow, anyone
from webapp.extensions import db
from webapp.profiles.consent import (
    promotable_clause,
    require_promotable,
    share_profile,
    unshare_profile,
)
from webapp.profiles.labels import label_loads
from webapp.profiles.models import RANKED_PROFILE_STATUSES, Profile
from webapp.promotions.models import Promotion

MAX_NOTE = 600


def _ae_or_animateur(actor: User | None, proposal: ProfileProposal) -> bool:
    return actor is not None and (can(actor, "proposal.create", proposal.profile)
                                  or can(actor, "cellule.run", proposal.cellule))


def _animateur(actor: User | None, proposal: ProfileProposal) -> bool:
    return actor is not None and can(actor, "cellule.run", proposal.cellule)


def _stamp(proposal: ProfileProposal, move: Move, from_status: str, actor: User | None,
           at: datetime, note: str, details: dict) -> ProfileProposal:
    """A proposal keeps its steps on its own row: when and by whom it was assigned, when closed."""
    if move.target == "assigned":
        proposal.assigned_at, proposal.assigned_by_id = at, actor.id if actor else None
    else:
        proposal.closed_at = at
    return proposal


# The life of a proposal (core.workflow). "close" is the hire's (promotions.hiring), whoever
# recorded it.
MOVES: tuple[Move, ...] = (
    Move("assign", "Confier à un CRE", OPEN_PROPOSAL_STATUSES, "assigned", _animateur),
    Move("withdraw", "Retirer la proposition", OPEN_PROPOSAL_STATUSES, "withdrawn", _ae_or_animateur),
    Move("close", "Clore (embauche)", OPEN_PROPOSAL_STATUSES, "done", anyone),
)
WORKFLOW = Workflow(
    MOVES, _stamp,
    wrong_state=lambda proposal, move, actor: Invalid(
        f"Cette proposition est close (« {proposal.status_label} »)."),
)


@dataclass(frozen=True)
class ProposalNote:
    """The AE's short note: what the person wants, what the AE vouches for."""

    wishes: str = ""
    vouching: str = ""


def note_problems(note: ProposalNote) -> dict[str, str]:
    """French problems of the note, by field."""
    problems: dict[str, str] = {}
    if not note.wishes.strip() and not note.vouching.strip():
        problems["wishes"] = (
            "Note : écrivez en quelques mots ce que la personne recherche ou ce que "
            "vous pouvez garantir à un employeur."
        )
    for name in ("wishes", "vouching"):
        if len(getattr(note, name)) > MAX_NOTE:
            problems[name] = f"Note : {MAX_NOTE} caractères au plus."
    return problems


def open_proposal(profile: Profile) -> ProfileProposal | None:
    """The person's proposal still in the cellule's hands, if any."""
    return db.session.scalar(
        select(ProfileProposal).where(
            ProfileProposal.profile_id == profile.id,
            ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES),
        )
    )


def put_forward(
    actor: User, profile: Profile, note: ProposalNote, now: datetime
) -> ProfileProposal:
    """Put the person forward to the next session of the cellule of their territory."""
    if not can(actor, "proposal.create", profile):
        raise NotAllowed("Seul l'accompagnateur de la personne (ou sa direction) peut la proposer.")
    require_promotable(profile)
    if problems := note_problems(note):
        raise Invalid(*next((message, field) for field, message in problems.items()))
    if (current := open_proposal(profile)) is not None:
        raise Invalid(
            f"{profile.display_label} est déjà proposé(e) à la cellule (séance du "
            f"{date_fr(current.session.starts_at)})."
        )
    cellule = cellule_of_pole(profile.pole_id)
    if cellule is None:
        territory = profile.pole.name if profile.pole else "la commune de la personne"
        raise Invalid(
            f"Aucune cellule emploi ne couvre {territory} : demandez à l'administrateur de la créer."
        )
    session = ensure_next_session(cellule, now)
    proposal = ProfileProposal(
        profile=profile,
        cellule=cellule,
        session=session,
        ae_id=actor.id,
        wishes=note.wishes.strip(),
        vouching=note.vouching.strip(),
        status="pending",
        created_at=now,
    )
    db.session.add(proposal)
    if OWN in scopes_of(actor, "proposal.create"):  # an AE bringing their own people
        ensure_member(cellule, actor, "ae")
    for member in readers_of(cellule):
        share_profile(profile, member, "cellule", actor)
    db.session.flush()
    settle_profile_status(profile, actor, f"Proposé(e) à la cellule « {cellule.name} »")
    return proposal


PROPOSAL_CHANGED = "Cette proposition vient d'être modifiée : rechargez la page."


def withdraw_proposal(actor: User, proposal: ProfileProposal, now: datetime) -> None:
    """The AE takes the person back: the cellule's CREs stop seeing them."""
    if not _ae_or_animateur(actor, proposal):
        raise NotAllowed(
            "Seul l'accompagnateur de la personne ou l'animateur peut retirer cette proposition."
        )
    if not proposal.is_open:
        raise Invalid("Cette proposition est déjà close.")
    WORKFLOW.advance(proposal, "withdraw", actor, now)
    flush_or_conflict(proposal, PROPOSAL_CHANGED)
    for member in readers_of(proposal.cellule):
        unshare_profile(proposal.profile, member, "cellule")
    settle_profile_status(proposal.profile, actor, "Proposition à la cellule retirée")


def withdraw_on_pause(actor: User | None, profile: Profile, status_before: str,
                      now: datetime) -> None:
    """A person paused or gone on their own profile leaves the cellule: their open proposal is
    withdrawn (off the next agenda, nothing left to assign) and its CREs stop seeing them.
    A hire goes through promotions.hiring (record_hire) instead."""
    if profile.status in RANKED_PROFILE_STATUSES or profile.status == "hired":
        return
    for proposal in db.session.scalars(select(ProfileProposal).where(
            ProfileProposal.profile_id == profile.id,
            ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES))):
        WORKFLOW.advance(proposal, "withdraw", actor, now,
                         f"Personne « {profile.status_label.lower()} »", checked=True)
        for member in readers_of(proposal.cellule):
            unshare_profile(profile, member, "cellule")
    db.session.flush()


def close_proposals_of(profile: Profile, now: datetime, actor: User | None = None) -> None:
    """On a hire (promotions.hiring): the person's open proposal is done."""
    for proposal in db.session.scalars(
        select(ProfileProposal).where(
            ProfileProposal.profile_id == profile.id,
            ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES),
        )
    ):
        WORKFLOW.advance(proposal, "close", actor, now)
    db.session.flush()


def forwardable_profiles(user: User, limit: int = 200) -> list[Profile]:
    """The user's people who may be put forward now: consent given, none already proposed."""
    already = select(ProfileProposal.profile_id).where(
        ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES)
    )
    return list(
        db.session.scalars(
            select(Profile)
            .where(
                visible_clause(user, "proposal.create", Profile),
                promotable_clause(),
                Profile.id.not_in(already),
            )
            .order_by(Profile.job_ready.desc(), Profile.label, Profile.id)
            .limit(limit)
        )
    )


def proposals_of(profile_ids: list[int]) -> dict[int, list[ProfileProposal]]:
    """Every proposal of these profiles, newest first, by profile id."""
    found: dict[int, list[ProfileProposal]] = {pid: [] for pid in profile_ids}
    for proposal in db.session.scalars(
        select(ProfileProposal)
        .where(ProfileProposal.profile_id.in_(profile_ids))
        .order_by(ProfileProposal.id.desc())
    ):
        found[proposal.profile_id].append(proposal)
    return found


def promotions_of(profile_ids: list[int]) -> dict[int, list[Promotion]]:
    """Every promotion of these profiles, newest first, by profile id."""
    found: dict[int, list[Promotion]] = {pid: [] for pid in profile_ids}
    for promotion in db.session.scalars(
        select(Promotion).where(Promotion.profile_id.in_(profile_ids)).order_by(Promotion.id.desc())
    ):
        found[promotion.profile_id].append(promotion)
    return found


# What the agenda entry and the session screen read of each person put forward.
# Of the AE and the CRE only the name is read: their roles are not loaded with them.
PROPOSAL_LOADS = (*label_loads(ProfileProposal.profile),
                  joinedload(ProfileProposal.ae).lazyload(User.memberships),
                  joinedload(ProfileProposal.assigned_cre).lazyload(User.memberships))


def on_the_agenda(session: CelluleSession, session_id=None) -> tuple:
    """SQL conditions on ProfileProposal: the people put forward to a session (withdrawn ones
    left out); for a session still to come, only the open proposals of people still looking (a
    person hired, paused or gone since is off its agenda). `session_id`, when given, stands for
    the session's id (a bound parameter): the conditions then depend on its status only."""
    conditions = [ProfileProposal.session_id == (session.id if session_id is None else session_id),
                  ProfileProposal.status != "withdrawn"]
    if session.status == "planned":
        still_looking = select(Profile.id).where(Profile.status.in_(RANKED_PROFILE_STATUSES))
        conditions += [ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES),
                       ProfileProposal.profile_id.in_(still_looking)]
    return tuple(conditions)


def session_proposals(session_id: int) -> list[ProfileProposal]:
    """The people put forward to a session (`on_the_agenda`), in the order they came."""
    return list(
        db.session.scalars(
            select(ProfileProposal)
            .where(*on_the_agenda(db.session.get(CelluleSession, session_id)))
            .order_by(ProfileProposal.created_at, ProfileProposal.id)
            .options(*PROPOSAL_LOADS)
        )
    )
