"""Correcting the hire an immersion's assessment recorded: its author fixes the date or the
contract (typed wrong), under the one rule of corrections (promotions.corrections: only the
author corrects). The change is logged in the immersion's steps, on the card's "hired" step
when the hire went through the card, and in the person's profile history."""

from datetime import date, datetime

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core.dates import HIRE, horizon_problem
from webapp.core.errors import Invalid
from webapp.core.formatting import date_fr
from webapp.extensions import db
from webapp.immersions.lifecycle import add_step
from webapp.immersions.models import Immersion, ImmersionAssessment
from webapp.offers.models import HIRE_CONTRACTS
from webapp.promotions.corrections import is_author, with_correction
from webapp.promotions.hiring import hire_corrected
from webapp.promotions.models import PromotionStep


def may_correct_hire(user: User, assessment: ImmersionAssessment | None) -> bool:
    """The author of a recorded hire (who noted it in the assessment) may correct it."""
    return (assessment is not None and assessment.outcome == "hired"
            and is_author(user, assessment.recorded_by_id))


def _hire_text(contract: str | None, on: date | None) -> str:
    return f"{date_fr(on)}, {HIRE_CONTRACTS.get(contract or '', contract or '—')}"


def _card_step(immersion: Immersion) -> PromotionStep | None:
    """The card's "hired" step the assessment noted (promotions: "Après l'immersion …")."""
    if immersion.promotion_id is None:
        return None
    return db.session.scalar(select(PromotionStep).where(
        PromotionStep.promotion_id == immersion.promotion_id, PromotionStep.kind == "hired",
        PromotionStep.note == f"Après l'immersion {immersion.reference}."))


def correct_hire(actor: User, immersion: Immersion, contract: str | None, on: date | None,
                 now: datetime) -> bool:
    """Apply a corrected date or contract of the recorded hire, logging the change; False when
    neither changed. Invalid (French, naming the field) when the actor is not the hire's
    author or the correction is not a possible hire."""
    assessment = immersion.assessment
    if (contract, on) == (assessment.hired_contract, assessment.hired_on):
        return False
    if not may_correct_hire(actor, assessment):
        author = assessment.recorded_by.display_name if assessment.recorded_by else "la plateforme"
        raise Invalid(f"Date d'embauche : seul l'auteur de l'embauche ({author}) peut corriger "
                      "sa date ou son contrat.", "hired_on")
    if on is None:
        raise Invalid("Indiquez la date d'embauche.", "hired_on")
    if problem := horizon_problem(on, "Date d'embauche", HIRE, now.date()):
        raise Invalid(problem, "hired_on")
    if contract not in HIRE_CONTRACTS:
        raise Invalid("Indiquez le contrat signé.", "hired_contract")
    before = _hire_text(assessment.hired_contract, assessment.hired_on)
    changes = {}
    if on != assessment.hired_on:
        changes["on"] = [date_fr(assessment.hired_on), date_fr(on)]
    if contract != assessment.hired_contract:
        changes["contract"] = [assessment.hired_contract, contract]
    assessment.hired_contract, assessment.hired_on = contract, on
    add_step(immersion, immersion.status, immersion.status, actor, now,
             f"Embauche corrigée : {_hire_text(contract, on)} (au lieu du {before}).")
    step = _card_step(immersion)
    if step is not None:
        step.details = with_correction({**step.details, "contract": contract}, actor, now,
                                       changes)
        step.on = on
    hire_corrected(actor, immersion.profile, contract=contract, hired_on=on, at=now,
                   what=f"immersion {immersion.reference}", before=before,
                   promotion=immersion.promotion)
    return True
