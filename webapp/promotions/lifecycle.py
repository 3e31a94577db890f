"""The pipeline of a promotion card, in one table (core.workflow): each step's kind becomes the
card's status. The employer the card was sent to answers it (or the CRE notes the answer given by
phone); the CRE who promotes the person takes every other step."""

from datetime import datetime

from webapp.accounts.models import User
from webapp.core.clock import aware
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import can
from webapp.core.workflow import Move, Workflow, permission
from webapp.extensions import db
from webapp.promotions.models import CLOSED_STEPS, STEP_KINDS, Promotion, PromotionStep

MANAGER = permission("promotion.manage")
MEETINGS = ("interested", "interview", "immersion")


def answering(actor: User | None, promotion: Promotion) -> bool:
    """The employer the card was sent to, or a CRE noting their answer."""
    return actor is not None and promotion.sent_at is not None and can(
        actor, "promotion.answer", promotion)


def _move(kind: str, sources: tuple[str, ...], who=MANAGER) -> Move:
    return Move(kind, STEP_KINDS[kind], sources, kind, who)


MOVES: tuple[Move, ...] = (
    _move("sent", ("proposed",)),
    _move("interested", ("sent",), answering),
    _move("not_interested", ("sent",), answering),
    _move("interview", MEETINGS),
    _move("immersion", ("interested", "interview")),
    _move("hired", MEETINGS),
    _move("not_hired", MEETINGS),
    _move("withdrawn", ("proposed", "sent", *MEETINGS)),
)


def add_step(
    promotion: Promotion, kind: str, by: User | None, now: datetime, **values
) -> PromotionStep:
    """Append a dated, signed step and make it the promotion's status."""
    step = PromotionStep(kind=kind, at=now, by_id=by.id if by else None, **values)
    with db.session.no_autoflush:
        promotion.steps.append(step)
    promotion.status = kind
    if kind in CLOSED_STEPS:
        promotion.closed_at = now
    return step


def _wrong_state(promotion: Promotion, move: Move, actor: User | None) -> Exception:
    if promotion.is_closed:
        return Invalid(
            f"Cette promotion est close (« {promotion.status_label} » le "
            f"{date_fr(aware(promotion.closed_at))}) : plus aucune réponse ni étape ne peut y être ajoutée."
        )
    return Invalid(
        f"Étape « {move.label} » impossible : la carte en est à « {promotion.status_label} »."
    )


WORKFLOW = Workflow(
    MOVES,
    lambda promotion, move, from_status, by, at, note, details: add_step(
        promotion, move.key, by, at, note=note, **details),
    wrong_state=_wrong_state,
    wrong_actor=lambda promotion, move, actor: NotAllowed(
        "Seul le CRE qui promeut ce profil fait avancer cette promotion."),
    unknown=lambda key: Invalid("Étape inconnue.", "kind"),
)
# From each open status, the steps the table allows next (whoever takes them).
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    status: tuple(move.key for move in WORKFLOW.moves_from(status))
    for status in STEP_KINDS if WORKFLOW.moves_from(status)
}
