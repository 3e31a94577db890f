"""Between the immersion forms and the services: prefilled values, typed inputs, errors."""

from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.errors import Invalid
from webapp.immersions.assessment import AssessmentInput
from webapp.immersions.forms import AssessmentForm, ImmersionForm, StepForm, schedule_data
from webapp.immersions.models import Immersion
from webapp.immersions.proposing import ImmersionInput, StepInput, TutorInput
from webapp.immersions.schedule import WeeklySchedule, parse_schedule
from webapp.profiles.models import Profile
from webapp.shortlists.immersion_hosts import immersion_hosts

NO_COMPANY = (None, "— Choisir parmi les entreprises accueillantes à portée —")


def company_choices(user: User, profile: Profile, company: Company | None) -> list[tuple]:
    """The company already chosen, else the welcoming companies within the person's reach."""
    if company is not None:
        return [(company.id, company.name)]
    hosts = immersion_hosts(user, profile).cards
    return [NO_COMPANY, *((card.record_id, f"{card.title} · {card.subtitle} · {card.travel}")
                          for card in hosts)]


def form_data(start: ImmersionInput | None, immersion: Immersion | None = None) -> dict:
    """The form's first values: a new proposal's defaults, or an existing immersion's."""
    if immersion is not None:
        tutor = TutorInput(immersion.tutor_name, immersion.tutor_role, immersion.tutor_phone,
                           immersion.tutor_email)
        start = ImmersionInput(immersion.company_id, immersion.rome_code, immersion.objective,
                               immersion.start_date, immersion.end_date,
                               WeeklySchedule.from_json(immersion.schedule),
                               activities=immersion.activities, tutor=tutor)
    return {
        "version": immersion.version if immersion is not None else "",
        "company_id": start.company_id, "rome_code": start.rome_code, "objective": start.objective,
        "start_date": start.start_date, "end_date": start.end_date, "activities": start.activities,
        "tutor_name": start.tutor.name, "tutor_role": start.tutor.role,
        "tutor_phone": start.tutor.phone, "tutor_email": start.tutor.email,
        **schedule_data(start.schedule),
    }


def immersion_input(form: ImmersionForm, start: ImmersionInput | None,
                    immersion: Immersion | None = None) -> ImmersionInput:
    """The typed proposal; Invalid (naming the day) when the schedule cannot be read."""
    return ImmersionInput(
        company_id=immersion.company_id if immersion is not None else form.company_id.data,
        rome_code=form.rome_code.data or "", objective=form.objective.data,
        start_date=form.start_date.data, end_date=form.end_date.data,
        schedule=parse_schedule(form.schedule_pairs()),
        offer_id=immersion.offer_id if immersion is not None else start.offer_id,
        promotion_id=immersion.promotion_id if immersion is not None else start.promotion_id,
        activities=form.activities.data or "", tutor=form.tutor(),
    )


def step_input(form: StepForm) -> StepInput:
    return StepInput(note=form.note.data or "", convention_kind=form.convention_kind.data,
                     convention_reference=form.convention_reference.data or "", tutor=form.tutor())


def assessment_input(form: AssessmentForm) -> AssessmentInput:
    return AssessmentInput(
        attendance=form.attendance.data, tutor_punctuality=form.tutor_punctuality.data,
        tutor_teamwork=form.tutor_teamwork.data, tutor_job_skills=form.tutor_job_skills.data,
        tutor_would_hire=form.tutor_would_hire.data, person_liked_job=form.person_liked_job.data,
        outcome=form.outcome.data, days_attended=form.days_attended.data,
        tutor_comment=form.tutor_comment.data or "", person_comment=form.person_comment.data or "",
        outcome_note=form.outcome_note.data or "", hired_contract=form.hired_contract.data or None,
        hired_on=form.hired_on.data, hired_hours_per_week=form.hired_hours_per_week.data,
    )


UNTOUCHED_FIELDS = ("company_id", "rome_code", "objective", "start_date", "end_date", "schedule",
                    "activities", "tutor")
UNTOUCHED = ("Rien n'a été changé aux valeurs proposées d'office (entreprise, métier, dates, "
             "emploi du temps) : vérifiez-les avec la personne et l'entreprise, puis cliquez à "
             "nouveau sur « Proposer l'immersion » pour confirmer.")


def check_defaults_changed(form: ImmersionForm, data: ImmersionInput, start: ImmersionInput) -> None:
    """Invalid (asking to confirm) when the proposal is exactly the form's first values and
    nobody confirmed them yet; the form then carries the confirmation for the next submit."""
    if form.defaults_confirmed.data == "oui":
        return
    if all(getattr(data, name) == getattr(start, name) for name in UNTOUCHED_FIELDS):
        form.defaults_confirmed.data = "oui"
        raise Invalid(UNTOUCHED)
