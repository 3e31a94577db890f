"""The steps after a card is sent: the employer's answer (on the platform, or by phone noted by
the CRE), interview, immersion, hire or not. A hire makes the person "hired" on their profile."""

from dataclasses import dataclass
from datetime import date, datetime

from webapp.accounts.models import User
from webapp.cellule.profile_status import settle_profile_status
from webapp.core.clock import aware
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr, number_fr
from webapp.core.notify import notify, record_path
from webapp.core.permissions import can
from webapp.offers.models import HIRE_CONTRACTS
from webapp.promotions.corrections import correction_text
from webapp.promotions.hiring import record_hire
from webapp.promotions.lifecycle import WORKFLOW
from webapp.promotions.models import (
    CLOSED_STEPS,
    MEETING_KINDS,
    NOT_HIRED_REASONS,
    NOT_INTERESTED_REASONS,
    STEP_KINDS,
    Promotion,
    PromotionStep,
)
from webapp.promotions.preparing import PROMOTION_CHANGED, card_job

ANSWERS = ("interested", "not_interested")
MIN_HOURS, MAX_HOURS = 1, 48
REASONS = {"not_interested": NOT_INTERESTED_REASONS, "not_hired": NOT_HIRED_REASONS}


@dataclass(frozen=True)
class StepInput:
    """One step as typed: its kind and the values that kind needs."""

    kind: str
    on: date | None = None  # proposed meeting, interview, immersion start, first day of work
    meeting: str = ""  # interested: "interview" or "immersion"
    reason: str = ""  # not_interested, not_hired
    note: str = ""
    contract: str = ""  # hired
    hours_per_week: float | None = None  # hired


def check_open(promotion: Promotion, kind: str, actor: User | None = None) -> None:
    """Invalid when the promotion is closed or cannot take this step now."""
    move = WORKFLOW.move(kind)
    if promotion.status not in move.sources:
        raise WORKFLOW.wrong_state(promotion, move, actor)


def step_problems(step: StepInput, today: date) -> dict[str, str]:
    """French problems of the values a step needs, by field."""
    problems: dict[str, str] = {}
    dated = step.kind in ("interested", "interview", "immersion", "hired")
    if dated and step.on is None:
        problems["on"] = "Date : indiquez la date prévue."
    if step.kind == "interested" and step.meeting not in MEETING_KINDS:
        problems["meeting"] = "Proposition : choisissez un entretien ou une immersion."
    if step.kind == "interested" and step.on is not None and step.on < today:
        problems["on"] = "Date : proposez une date à venir."
    if step.kind in REASONS:
        if step.reason not in REASONS[step.kind]:
            problems["reason"] = "Motif : choisissez un motif dans la liste."
        elif step.reason == "other" and not step.note.strip():
            problems["note"] = "Précisions : dites en quelques mots la raison."
    if step.kind == "hired":
        if step.contract not in HIRE_CONTRACTS:
            problems["contract"] = "Contrat : choisissez le type de contrat signé."
        if step.hours_per_week is None or not MIN_HOURS <= step.hours_per_week <= MAX_HOURS:
            problems["hours_per_week"] = f"Heures par semaine : entre {MIN_HOURS} et {MAX_HOURS}."
    return problems


def _details(step: StepInput) -> dict:
    if step.kind == "interested":
        return {"meeting": step.meeting}
    if step.kind == "hired":
        return {"contract": step.contract, "hours_per_week": step.hours_per_week}
    return {}


def _record(
    actor: User, promotion: Promotion, step: StepInput, now: datetime, via: str, version: int | None
) -> None:
    check_version(promotion, version,
                  "Cette promotion vient d'être modifiée par quelqu'un d'autre : rechargez la page.")
    check_open(promotion, step.kind, actor)
    if problems := step_problems(step, now.date()):
        raise Invalid(problems)
    WORKFLOW.check(promotion, step.kind, actor)
    WORKFLOW.advance(
        promotion,
        step.kind,
        actor,
        now,
        step.note,
        checked=True,
        on=step.on,
        via=via,
        reason=step.reason,
        details=_details(step),
    )
    flush_or_conflict(promotion, PROMOTION_CHANGED)
    if step.kind == "hired":
        _hire(actor, promotion, step, now)
    elif step.kind in CLOSED_STEPS:
        settle_profile_status(promotion.profile, actor, f"Carte {promotion.reference} close")


def answer(
    actor: User, promotion: Promotion, step: StepInput, now: datetime, version: int | None = None
) -> None:
    """The employer's answer to a card sent to them; a CRE's answer is one noted by phone."""
    if step.kind not in ANSWERS:
        raise Invalid("Réponse : intéressé ou pas intéressé.", "kind")
    if promotion.sent_at is None or not can(actor, "promotion.answer", promotion):
        raise NotAllowed("Cette carte ne vous a pas été envoyée.")
    via = "phone" if can(actor, "promotion.manage", promotion) else "platform"
    _record(actor, promotion, step, now, via, version)
    _tell(promotion, step, via, actor)


def _tell(promotion: Promotion, step: StepInput, via: str, actor: User) -> None:
    """The CRE learns of the employer's answer; the AE of an interest or a hire."""
    url = record_path("promotions.detail", promotion_id=promotion.id)
    card = {"card": promotion.reference, "job": card_job(promotion)}
    if via == "platform" and step.kind in ANSWERS:
        notify("card_answered", [promotion.cre_id], record_type="promotion",
               record_id=promotion.id, url=url, exclude=actor.id,
               params={**card, "company": promotion.company.name,
                       "answer": STEP_KINDS[step.kind].lower()})
    if step.kind in ("interested", "hired"):
        notify(f"person_{step.kind}", [promotion.profile.ae_id], record_type="promotion",
               record_id=promotion.id, url=url, exclude=actor.id,
               params={**card, "person": promotion.profile.display_label,
                       "profile_id": promotion.profile_id,
                       "meeting": MEETING_KINDS.get(step.meeting, "rencontre").lower(),
                       "on": date_fr(step.on) if step.on else ""})
    if step.kind in MEETING_KINDS and step.on:
        notify("meeting_set", [promotion.profile.ae_id], record_type="promotion",
               record_id=promotion.id, url=url, exclude=actor.id,
               params={"meeting": MEETING_KINDS[step.kind], "on": date_fr(step.on),
                       "person": promotion.profile.display_label,
                       "profile_id": promotion.profile_id,
                       "reference": f"carte {promotion.reference}"})


def record_step(
    actor: User, promotion: Promotion, step: StepInput, now: datetime, version: int | None = None
) -> None:
    """A step noted by the CRE who promotes the profile (an answer given by phone included)."""
    if not can(actor, "promotion.manage", promotion):
        raise NotAllowed("Seul le CRE qui promeut ce profil fait avancer cette promotion.")
    if step.kind in ANSWERS:
        answer(actor, promotion, step, now, version)
        return
    if step.kind not in WORKFLOW.by_key or step.kind == "sent":
        raise Invalid("Étape inconnue.", "kind")
    _record(actor, promotion, step, now, "platform", version)
    _tell(promotion, step, "cre", actor)


def _hire(actor: User, promotion: Promotion, step: StepInput, now: datetime) -> None:
    """The person is hired through this card: see promotions.hiring."""
    record_hire(
        actor,
        promotion.profile,
        contract=step.contract,
        hired_on=step.on,
        at=now,
        what=f"carte {promotion.reference}",
        source=f"Embauche : carte {promotion.reference} ({promotion.company.name})",
        promotion=promotion,
        offer=promotion.offer,
    )


def step_text(step: PromotionStep) -> str:
    """One step in a sentence: « 12/11/2026 · Employeur intéressé : entretien proposé le 20/11/2026 (Léa M.) »."""
    detail = ""
    if step.kind == "interested":
        detail = f"{MEETING_KINDS.get(step.details.get('meeting'), 'rencontre').lower()} proposé(e) le {date_fr(step.on)}"
    elif step.kind in ("interview", "immersion"):
        detail = f"le {date_fr(step.on)}"
    elif step.kind == "hired":
        hours = step.details.get("hours_per_week")
        detail = (
            f"{HIRE_CONTRACTS.get(step.details.get('contract'), step.details.get('contract'))}, "
            f"{number_fr(hours, 0 if float(hours).is_integer() else 1)} h par semaine, à partir du {date_fr(step.on)}"
            if hours
            else date_fr(step.on)
        )
    elif step.kind in REASONS:
        detail = REASONS[step.kind].get(step.reason, step.reason)
    parts = [detail, step.note] if step.note and step.kind != "sent" else [detail]
    text = " — ".join(part for part in parts if part)
    who = step.by.display_name if step.by else "la plateforme"
    via = " par téléphone" if step.via == "phone" else ""
    corrected = correction_text(step)
    return (
        f"{date_fr(aware(step.at))} · {step.kind_label}{f' : {text}' if text else ''} ({who}{via})"
        + (f" — {corrected}" if corrected else "")
    )
