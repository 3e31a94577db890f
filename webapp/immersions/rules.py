"""The rules an immersion (PMSMP) must keep, each with a French message that names it.

Every check that decides whether an immersion may be proposed, changed or moved forward lives
here; `check_plan` runs them all and reports every broken rule at once.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core.errors import Invalid
from webapp.core.formatting import date_fr, number_fr
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.immersions.schedule import WeeklySchedule
from webapp.profiles.consent import PROMOTABLE_STATUSES
from webapp.profiles.models import Profile

MAX_PRESENCE_DAYS = 30  # PMSMP: one month at most (Code du travail, D5135-3)
MAX_HOURS_PER_WEEK = 48  # legal weekly maximum (Code du travail, L3121-20)

RULE_NAMES: dict[str, str] = {
    "dates": "Dates de l'immersion",
    "presence_days": "Règle des 30 jours de présence",
    "weekly_hours": "Règle des 48 heures par semaine",
    "overlap": "Pas deux immersions en même temps",
    "availability": "Disponibilité de la personne",
    "consent": "Accord de la personne",
    "host": "Entreprise d'accueil",
}


@dataclass(frozen=True)
class Breach:
    """One broken rule: which one, the form field it concerns, and the French message."""

    rule: str
    field: str
    message: str


def _breach(rule: str, field: str, text: str) -> Breach:
    return Breach(rule, field, f"{RULE_NAMES[rule]} : {text}")


@dataclass(frozen=True)
class ImmersionPlan:
    """What the rules look at: the person, the host, the dates and the weekly schedule."""

    profile: Profile
    company: Company | None
    start_date: date
    end_date: date
    schedule: WeeklySchedule
    immersion_id: int | None = None  # the immersion being changed, left out of the overlap rule


def dates_rule(plan: ImmersionPlan, today: date | None) -> Breach | None:
    """The end after the start, at least one day of presence, and no start in the past."""
    if plan.end_date < plan.start_date:
        return _breach("dates", "end_date", f"la fin ({date_fr(plan.end_date)}) précède le début "
                       f"({date_fr(plan.start_date)}).")
    if today is not None and plan.start_date < today:
        return _breach("dates", "start_date", f"le début ({date_fr(plan.start_date)}) est déjà "
                       "passé : choisissez une date à partir d'aujourd'hui.")
    if not plan.schedule.presence_days(plan.start_date, plan.end_date):
        return _breach("dates", "schedule", "aucun jour de présence entre ces dates avec cet "
                       "emploi du temps : indiquez au moins une plage horaire.")
    return None


def presence_days_rule(plan: ImmersionPlan) -> Breach | None:
    """No more than 30 days of presence, counting only the days actually scheduled."""
    days = len(plan.schedule.presence_days(plan.start_date, plan.end_date))
    if days <= MAX_PRESENCE_DAYS:
        return None
    return _breach("presence_days", "end_date", f"du {date_fr(plan.start_date)} au "
                   f"{date_fr(plan.end_date)}, l'emploi du temps compte {days} jours de présence ; "
                   f"une immersion en compte {MAX_PRESENCE_DAYS} au plus. Raccourcissez la période.")


def weekly_hours_rule(plan: ImmersionPlan) -> Breach | None:
    """No more than 48 hours in a week."""
    hours = plan.schedule.hours_per_week
    if hours <= MAX_HOURS_PER_WEEK:
        return None
    shown = number_fr(hours, 0 if float(hours).is_integer() else 1)
    return _breach("weekly_hours", "schedule", f"l'emploi du temps compte {shown} h par semaine ; "
                   f"{MAX_HOURS_PER_WEEK} h au plus.")


def overlapping(plan: ImmersionPlan) -> list[Immersion]:
    """The person's other immersions (not cancelled) whose dates meet the plan's."""
    statement = select(Immersion).where(
        Immersion.profile_id == plan.profile.id, Immersion.status != "cancelled",
        Immersion.start_date <= plan.end_date, Immersion.end_date >= plan.start_date,
    ).order_by(Immersion.start_date)
    if plan.immersion_id is not None:
        statement = statement.where(Immersion.id != plan.immersion_id)
    return list(db.session.scalars(statement))


def overlap_rule(plan: ImmersionPlan) -> Breach | None:
    """No two immersions of the same person at the same time."""
    others = overlapping(plan)
    if not others:
        return None
    other = others[0]
    return _breach("overlap", "start_date", f"la personne a déjà l'immersion {other.reference} "
                   f"({other.status_label.lower()}) du {date_fr(other.start_date)} au "
                   f"{date_fr(other.end_date)}, qui recouvre ces dates.")


def availability_rule(plan: ImmersionPlan) -> Breach | None:
    """The person is still followed and available from the first day."""
    profile = plan.profile
    if profile.status not in PROMOTABLE_STATUSES:
        return _breach("availability", "start_date", f"la personne est « {profile.status_label} » : "
                       "elle ne peut pas partir en immersion.")
    if profile.available_from and plan.start_date < profile.available_from:
        return _breach("availability", "start_date", "la personne est disponible à partir du "
                       f"{date_fr(profile.available_from)} : l'immersion ne peut pas commencer "
                       f"le {date_fr(plan.start_date)}.")
    return None


def consent_rule(plan: ImmersionPlan) -> Breach | None:
    """An immersion presents the person to an employer: their consent is needed first."""
    if plan.profile.consent_promotion:
        return None
    return _breach("consent", "profile", "la personne n'a pas donné son accord pour être "
                   "présentée aux employeurs : recueillez-le dans son profil avant de proposer "
                   "une immersion.")


def host_rule(plan: ImmersionPlan) -> Breach | None:
    """The host is in the directory, not merged into another company, and still active."""
    company = plan.company
    if company is None:
        return _breach("host", "company_id", "choisissez l'entreprise qui accueille la personne.")
    if company.merged_into_id is not None:
        return _breach("host", "company_id", f"« {company.name} » a été fusionnée dans "
                       f"« {company.merged_into.name} » : choisissez cette dernière.")
    if not company_is_active(company):
        return _breach("host", "company_id", f"« {company.name} » n'est plus active sur la "
                       "plateforme (son compte employeur est désactivé).")
    return None


def company_is_active(company: Company) -> bool:
    """False when the company's employer organisation on the platform was deactivated.

    The directory has no closure flag of its own: a company is active unless its employer
    space was switched off.
    """
    return not db.session.scalar(select(Organisation.id).where(
        Organisation.company_id == company.id, Organisation.active.is_(False)).limit(1))


def plan_breaches(plan: ImmersionPlan, today: date | None) -> list[Breach]:
    """Every broken rule of the plan, in the order a person reads the form.

    `today` also refuses a start in the past (when proposing or changing the dates); pass None
    to check an immersion already agreed (accepting it, signing its convention).
    """
    if plan.end_date < plan.start_date:
        return [dates_rule(plan, today)]
    checks = (consent_rule(plan), host_rule(plan), dates_rule(plan, today),
              presence_days_rule(plan), weekly_hours_rule(plan), availability_rule(plan),
              overlap_rule(plan))
    return [breach for breach in checks if breach is not None]


def check_plan(plan: ImmersionPlan, today: date | None) -> None:
    """Invalid listing every broken rule, or nothing."""
    breaches = plan_breaches(plan, today)
    if breaches:
        raise Invalid([(breach.field, breach.message) for breach in breaches])


def plan_of(immersion: Immersion) -> ImmersionPlan:
    """The plan an existing immersion stands for."""
    return ImmersionPlan(immersion.profile, immersion.company, immersion.start_date,
                         immersion.end_date, WeeklySchedule.from_json(immersion.schedule),
                         immersion.id)
