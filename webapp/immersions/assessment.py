"""The assessment after an immersion; a hire reaches the promotion pipeline or the profile."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.immersions.hire_correction import correct_hire
from webapp.immersions.models import (
    ANSWERS,
    ATTENDANCE,
    IMMERSION_OUTCOMES,
    TUTOR_CRITERIA,
    TUTOR_RATINGS,
    Immersion,
    ImmersionAssessment,
)
from webapp.immersions.promotion import hire_after_immersion
from webapp.immersions.schedule import WeeklySchedule
from webapp.offers.models import HIRE_CONTRACTS

MAX_COMMENT_LENGTH = 2000
MIN_HIRED_HOURS, MAX_HIRED_HOURS = 1, 48


@dataclass(frozen=True)
class AssessmentInput:
    attendance: str
    tutor_punctuality: str
    tutor_teamwork: str
    tutor_job_skills: str
    tutor_would_hire: str
    person_liked_job: str
    outcome: str
    days_attended: int | None = None
    tutor_comment: str = ""
    person_comment: str = ""
    outcome_note: str = ""
    hired_contract: str | None = None
    hired_on: date | None = None
    hired_hours_per_week: float | None = None


def may_assess(user: User, immersion: Immersion) -> bool:
    """True when the user may record this immersion's assessment (once it is done)."""
    return immersion.status == "done" and can(user, "immersion.assess", immersion)


def _choice(value: str | None, allowed: dict[str, str], field: str, what: str) -> None:
    if value not in allowed:
        raise Invalid(f"Choisissez {what} dans la liste.", field)


def _check(immersion: Immersion, data: AssessmentInput) -> None:
    _choice(data.attendance, ATTENDANCE, "attendance", "la présence")
    for column, label in TUTOR_CRITERIA.items():
        _choice(getattr(data, column), TUTOR_RATINGS, column, f"l'avis du tuteur sur « {label} »")
    _choice(data.tutor_would_hire, ANSWERS, "tutor_would_hire", "la réponse du tuteur")
    _choice(data.person_liked_job, ANSWERS, "person_liked_job", "l'avis de la personne")
    _choice(data.outcome, IMMERSION_OUTCOMES, "outcome", "la suite donnée")
    planned = len(WeeklySchedule.from_json(immersion.schedule).presence_days(
        immersion.start_date, immersion.end_date))
    if data.days_attended is not None and not 0 <= data.days_attended <= planned:
        raise Invalid(f"Jours de présence : entre 0 et {planned}, le nombre de jours prévus.",
                      "days_attended")
    for name in ("tutor_comment", "person_comment", "outcome_note"):
        if len(getattr(data, name)) > MAX_COMMENT_LENGTH:
            raise Invalid(f"{MAX_COMMENT_LENGTH} caractères au plus.", name)
    if data.outcome == "hired":
        if data.hired_contract not in HIRE_CONTRACTS:
            raise Invalid("Indiquez le contrat signé.", "hired_contract")
        if data.hired_on is None:
            raise Invalid("Indiquez la date d'embauche.", "hired_on")
        hours = data.hired_hours_per_week
        if hours is None or not MIN_HIRED_HOURS <= hours <= MAX_HIRED_HOURS:
            raise Invalid(f"Heures par semaine du contrat : entre {MIN_HIRED_HOURS} et "
                          f"{MAX_HIRED_HOURS}.", "hired_hours_per_week")


def _cleaned(immersion: Immersion, data: AssessmentInput) -> AssessmentInput:
    planned = len(WeeklySchedule.from_json(immersion.schedule).presence_days(
        immersion.start_date, immersion.end_date))
    days = {"full": planned, "absent": 0}.get(data.attendance, data.days_attended)
    hired = data.outcome == "hired"
    return replace(data, days_attended=days, tutor_comment=data.tutor_comment.strip(),
                   person_comment=data.person_comment.strip(),
                   outcome_note=data.outcome_note.strip(),
                   hired_contract=data.hired_contract if hired else None,
                   hired_on=data.hired_on if hired else None,
                   hired_hours_per_week=data.hired_hours_per_week if hired else None)


def record_assessment(user: User, immersion: Immersion, data: AssessmentInput,
                      expected_version: int | None, now: datetime | None = None) -> ImmersionAssessment:
    """Save (or correct) the assessment of a finished immersion; a hire reaches the profile."""
    now = now or clock.now()
    if not can(user, "immersion.assess", immersion):
        raise NotAllowed("Vous ne pouvez pas faire le bilan de cette immersion.")
    if immersion.status != "done":
        raise Invalid("Le bilan se fait après l'immersion : notez d'abord sa fin.")
    assessment = immersion.assessment
    assessed = "Ce bilan a été modifié pendant que vous le complétiez : rechargez la page."
    if assessment is not None:
        check_version(assessment, expected_version, assessed)
    _check(immersion, data)
    data = _cleaned(immersion, data)
    was_hired = assessment is not None and assessment.outcome == "hired"
    if was_hired and data.outcome == "hired":  # the recorded hire: only its author corrects it
        correct_hire(user, immersion, data.hired_contract, data.hired_on, now)
    if assessment is None:
        assessment = ImmersionAssessment(immersion=immersion)
        db.session.add(assessment)
    for name in AssessmentInput.__dataclass_fields__:
        setattr(assessment, name, getattr(data, name))
    if not was_hired:  # once a hire is recorded, its author stays the one who may correct it
        assessment.recorded_by_id = user.id
    assessment.updated_at = now
    flush_or_conflict(assessment, assessed)
    if data.outcome == "hired" and not was_hired:
        hire_after_immersion(user, immersion, data.hired_contract, data.hired_on, data.hired_hours_per_week, now)
    return assessment
