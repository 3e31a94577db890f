"""The life cycle of an immersion: one table of steps, and which side may take each.

proposed → accepted (by the company) → convention_signed → under_way → done, or cancelled
(with a reason) from any step before done. The person's side (their AE, a CRE they were put
forward to, the direction of their organisation) takes every step; the host company's employer
accepts or declines a proposal on its own company, and nothing else.
"""

from datetime import date, datetime

from webapp.accounts.models import User
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import roles_reaching
from webapp.core.workflow import Move, Workflow
from webapp.immersions.models import Immersion, ImmersionStep

PERSON_SIDE = "person"
HOST_SIDE = "host"
HOST_ROLES = frozenset({"employer"})
OPEN_STATUSES = ("proposed", "accepted", "convention_signed", "under_way")


def sides_of(user: User, immersion: Immersion) -> frozenset[str]:
    """The sides the user stands on for this immersion (none when they may not move it)."""
    roles = roles_reaching(user, "immersion.advance", immersion)
    sides = set()
    if roles & HOST_ROLES:
        sides.add(HOST_SIDE)
    if roles - HOST_ROLES:
        sides.add(PERSON_SIDE)
    return frozenset(sides)


def on_sides(*sides: str):
    """Who may make a move: a user standing on one of these sides of the immersion."""
    wanted = frozenset(sides)
    return lambda user, immersion: user is not None and bool(wanted & sides_of(user, immersion))


TRANSITIONS: tuple[Move, ...] = (
    Move("accept", "Accepter l'immersion", ("proposed",), "accepted",
         on_sides(PERSON_SIDE, HOST_SIDE)),
    Move("decline", "Décliner la proposition", ("proposed",), "cancelled",
         on_sides(HOST_SIDE), needs_note=True),
    Move("sign", "Enregistrer la convention signée", ("accepted",), "convention_signed",
         on_sides(PERSON_SIDE)),
    Move("start", "Noter le début de l'immersion", ("convention_signed",), "under_way",
         on_sides(PERSON_SIDE)),
    Move("finish", "Noter la fin de l'immersion", ("under_way",), "done",
         on_sides(PERSON_SIDE)),
    Move("cancel", "Annuler l'immersion", OPEN_STATUSES, "cancelled",
         on_sides(PERSON_SIDE), needs_note=True),
)


def add_step(immersion: Immersion, from_status: str | None, to_status: str, by: User,
             at: datetime, note: str = "") -> ImmersionStep:
    """The dated step of the immersion's history, signed with the role `by` acted through."""
    step = ImmersionStep(from_status=from_status, to_status=to_status, at=at, user_id=by.id,
                         signed_as=side_label(by, immersion)[:250], note=note.strip())
    immersion.steps.append(step)
    return step


def _refused(immersion: Immersion, move: Move, user: User) -> Exception:
    return NotAllowed(f"« {move.label} » n'est pas possible pour vous : l'immersion est "
                      f"« {immersion.status_label} ».")


WORKFLOW = Workflow(
    TRANSITIONS,
    lambda immersion, move, from_status, by, at, note, details: add_step(
        immersion, from_status, move.target, by, at, note),
    wrong_state=_refused,
    wrong_actor=_refused,
    missing_note=lambda immersion, move: Invalid(
        "Indiquez le motif : il reste dans l'historique de l'immersion.", "note"),
)
TRANSITIONS_BY_KEY = WORKFLOW.by_key


def available_transitions(user: User, immersion: Immersion) -> list[Move]:
    """The steps this user may take now, in the table's order."""
    return WORKFLOW.available(user, immersion)


def date_problem(transition: Move, immersion: Immersion, today: date) -> str | None:
    """A French message when the calendar forbids the step today (no start before day one)."""
    if transition.key in ("start", "finish") and today < immersion.start_date:
        return (f"L'immersion commence le {date_fr(immersion.start_date)} : son début et sa fin "
                "se notent à partir de ce jour-là.")
    return None


def side_label(user: User, immersion: Immersion) -> str:
    """The signature of a step: the person, and the role through which they acted."""
    roles = roles_reaching(user, "immersion.advance", immersion) or roles_reaching(
        user, "immersion.create", immersion.profile)
    memberships = [m for m in user.memberships if m.role in roles] or list(user.memberships)
    where = ", ".join(f"{m.role_label} · {m.organisation.name}" for m in memberships[:2])
    return f"{user.display_name} ({where})" if where else user.display_name
