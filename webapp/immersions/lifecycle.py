"""The life cycle of an immersion: one table of steps, and which side may take each.

proposed → accepted (by the company) → convention_signed → under_way → done, or cancelled
(with a reason) from any step before done. The person's side (their AE, a CRE they were put
forward to, the direction of their organisation) takes every step; the host company's employer
accepts or declines a proposal on its own company, and nothing else.
"""

from dataclasses import dataclass
from datetime import date

from webapp.accounts.models import User
from webapp.core.formatting import date_fr
from webapp.core.permissions import roles_reaching
from webapp.immersions.models import Immersion

PERSON_SIDE = "person"
HOST_SIDE = "host"
HOST_ROLES = frozenset({"employer"})
OPEN_STATUSES = ("proposed", "accepted", "convention_signed", "under_way")


@dataclass(frozen=True)
class Transition:
    key: str
    label: str  # the button
    sources: tuple[str, ...]
    target: str
    sides: frozenset[str]
    needs_reason: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("accept", "Accepter l'immersion", ("proposed",), "accepted",
               frozenset({PERSON_SIDE, HOST_SIDE})),
    Transition("decline", "Décliner la proposition", ("proposed",), "cancelled",
               frozenset({HOST_SIDE}), needs_reason=True),
    Transition("sign", "Enregistrer la convention signée", ("accepted",), "convention_signed",
               frozenset({PERSON_SIDE})),
    Transition("start", "Noter le début de l'immersion", ("convention_signed",), "under_way",
               frozenset({PERSON_SIDE})),
    Transition("finish", "Noter la fin de l'immersion", ("under_way",), "done",
               frozenset({PERSON_SIDE})),
    Transition("cancel", "Annuler l'immersion", OPEN_STATUSES, "cancelled",
               frozenset({PERSON_SIDE}), needs_reason=True),
)
TRANSITIONS_BY_KEY = {transition.key: transition for transition in TRANSITIONS}


def sides_of(user: User, immersion: Immersion) -> frozenset[str]:
    """The sides the user stands on for this immersion (none when they may not move it)."""
    roles = roles_reaching(user, "immersion.advance", immersion)
    sides = set()
    if roles & HOST_ROLES:
        sides.add(HOST_SIDE)
    if roles - HOST_ROLES:
        sides.add(PERSON_SIDE)
    return frozenset(sides)


def available_transitions(user: User, immersion: Immersion) -> list[Transition]:
    """The steps this user may take now, in the table's order."""
    sides = sides_of(user, immersion)
    return [t for t in TRANSITIONS if immersion.status in t.sources and t.sides & sides]


def date_problem(transition: Transition, immersion: Immersion, today: date) -> str | None:
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
