"""Immersions and the promotion pipeline: "an immersion first" from a card, a hire back to it.

An immersion proposed from a promotion is linked to it (`Immersion.promotion_id`) and, when
the CRE who promotes the person proposes it while the card can take that step, the card gets
its "immersion" step. A hire recorded in the assessment closes the card as hired when the
actor may move it; otherwise the hire is recorded directly (promotions.hiring: the profile says
"hired", the person's other cards are withdrawn) and the card waits for its CRE.
"""

from datetime import date, datetime

from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.errors import Invalid
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.profiles.models import Profile
from webapp.promotions.hiring import record_hire
from webapp.promotions.lifecycle import NEXT_STEPS
from webapp.promotions.models import Promotion
from webapp.promotions.steps import StepInput, record_step


def promotion_for(promotion_id: int | None, profile: Profile, company: Company | None) -> Promotion | None:
    """The promotion a proposal comes from; Invalid when it is about someone or somewhere else."""
    if promotion_id is None:
        return None
    promotion = db.session.get(Promotion, promotion_id)
    if promotion is None or promotion.profile_id != profile.id:
        raise Invalid("Cette promotion concerne une autre personne.", "promotion_id")
    if company is not None and promotion.company_id != company.id:
        raise Invalid(f"La carte {promotion.reference} est adressée à « {promotion.company.name} » : "
                      "l'immersion qui la précède se fait chez cet employeur.", "company_id")
    return promotion


def _may_take(user: User, promotion: Promotion, kind: str) -> bool:
    return kind in NEXT_STEPS.get(promotion.status, ()) and can(user, "promotion.manage", promotion)


def note_in_promotion(user: User, immersion: Immersion, now: datetime) -> None:
    """The card's "immersion" step, dated on the first day, when the promoting CRE proposes it."""
    promotion = immersion.promotion
    if promotion is not None and _may_take(user, promotion, "immersion"):
        record_step(user, promotion, StepInput("immersion", on=immersion.start_date,
                                               note=f"Immersion {immersion.reference} proposée."), now)


def hire_after_immersion(user: User, immersion: Immersion, contract: str, hired_on: date,
                         hours_per_week: float, now: datetime) -> None:
    """The person was hired after the immersion: through the card when there is one the user
    may close, else directly; either way every effect of a hire (promotions.hiring)."""
    promotion = immersion.promotion
    note = f"Après l'immersion {immersion.reference}."
    if promotion is not None and _may_take(user, promotion, "hired"):
        record_step(user, promotion, StepInput("hired", on=hired_on, contract=contract,
                                               hours_per_week=hours_per_week, note=note), now)
        return
    record_hire(user, immersion.profile, contract=contract, hired_on=hired_on, at=now,
                what=f"immersion {immersion.reference}",
                source=f"Bilan de l'immersion {immersion.reference}",
                promotion=promotion, offer=immersion.offer)
