"""Demo immersions at every stage.

- Every demo promotion that went through an "immersion" step gets its immersion at the card's
  company, linked to the card, dated on that step: signed, under way, or done (assessed with
  an outcome, or waiting for its assessment; a hire for the cards that ended in one).
- The demo AE (ae@) follows a set of people at each stage, several at the demo employer's
  company, so the home cards, the lists and the employer's space all have something to show.
- The demo employer accounts' companies welcome immersions ("entreprise accueillante").

Written directly (dated in the past, signed by the people who would have signed), after the
rules of webapp/immersions/rules.py are checked; idempotent: nothing is added when any
immersion exists.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.demo.people import demo_email
from webapp.extensions import db
from webapp.immersions.models import Immersion, ImmersionAssessment, ImmersionStep
from webapp.immersions.promotion import hire_after_immersion
from webapp.immersions.proposing import suggested_job
from webapp.immersions.rules import ImmersionPlan, plan_breaches
from webapp.immersions.schedule import office_hours
from webapp.profiles.consent import PROMOTABLE_STATUSES
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion, PromotionStep
from webapp.reference.models import NafRome

LENGTH = timedelta(days=11)  # two weeks, Monday to Friday of the next week
RECENT = timedelta(days=21)  # a card's immersion this recent is still under way
OUTCOME_MIX = ("project_confirmed", "project_confirmed", "second_immersion", "training",
               "project_changed", "nothing_yet", None)  # None: the assessment is still to do
TUTOR_VIEWS = ("very_good", "good", "good", "to_improve")
COMMENTS = ("Ponctuelle et curieuse, pose les bonnes questions.", "A vite pris le rythme de l'équipe.",
            "Doit gagner en assurance face aux clients.", "")
PERSON_COMMENTS = ("Le métier me plaît, je veux continuer.", "Plus physique que prévu.",
                   "J'ai aimé l'ambiance de l'équipe.", "")


@dataclass(frozen=True)
class Stage:
    """One featured immersion of the demo AE: its stage, where its dates fall, its host."""

    status: str
    start_in_days: int  # from the Monday of the current week
    at_employer: bool = False
    outcome: str | None = None
    assessed: bool = False
    reason: str = ""


FEATURED = (
    Stage("proposed", 21, at_employer=True),
    Stage("proposed", 14),
    Stage("accepted", 7, at_employer=True),
    Stage("convention_signed", 7),
    Stage("under_way", -7, at_employer=True),  # its last day falls this week
    Stage("under_way", 0),
    Stage("done", -14),  # assessment to do
    Stage("done", -21, at_employer=True),  # assessment to do
    Stage("done", -28, at_employer=True, outcome="hired", assessed=True),
    Stage("done", -35, outcome="second_immersion", assessed=True),
    Stage("done", -42, outcome="training", assessed=True),
    Stage("done", -49, outcome="project_confirmed", assessed=True),
    Stage("done", -56, outcome="project_changed", assessed=True),
    Stage("done", -63, outcome="nothing_yet", assessed=True),
    Stage("cancelled", 14, at_employer=True, reason="Pas de tuteur disponible à ces dates."),
    Stage("cancelled", 0, reason="La personne a commencé une formation entre-temps."),
)


def write_demo_immersions(seed: int, today: date) -> int:
    """Write the demo immersions unless some exist; how many were written."""
    if db.session.scalar(select(Immersion.id).limit(1)) is not None:
        return 0
    rng = random.Random(seed * 13 + 8)
    employers = _welcoming_employers()
    with db.session.no_autoflush:  # one flush for them all: a person has one card with an immersion
        written = [_from_promotion(rng, promotion, step, today, employers)
                   for promotion, step in _immersion_steps()]
    db.session.flush()
    written += _featured(rng, today, employers)
    db.session.flush()
    _hires(today)
    return len([immersion for immersion in written if immersion is not None])


def _welcoming_employers() -> dict[int, User]:
    """The demo employer accounts' companies welcome immersions; company id -> employer account."""
    accounts = db.session.execute(select(Organisation.company_id, User).join(
        User.memberships).join(Organisation).where(Organisation.kind == "employer",
                                                   Organisation.company_id.is_not(None))).all()
    for company_id, _ in accounts:
        db.session.get(Company, company_id).welcomes_immersion = True
    return {company_id: user for company_id, user in accounts}


def _signature(user: User) -> str:
    membership = user.memberships[0]
    return f"{user.display_name} ({membership.role_label} · {membership.organisation.name})"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), UTC)


def _immersion(profile: Profile, company: Company, start: date, by: User, rng: random.Random,
               **values) -> Immersion:
    contact = company.contacts[0] if company.contacts else None
    return Immersion(
        reference=f"IM-{start.year}-D{rng.randrange(16 ** 5):05X}", profile=profile, company=company,
        organisation_id=profile.organisation_id, pole_id=profile.pole_id,
        referent_id=profile.ae_id or by.id, proposed_by_id=by.id,
        rome_code=suggested_job(profile, company, values.pop("offer", None)) or "K2204",
        start_date=start, end_date=values.pop("end_date", start + LENGTH),
        schedule=office_hours().to_json(), tutor_name=contact.name if contact else "",
        tutor_role=contact.role if contact else "", tutor_phone=contact.phone if contact else "",
        tutor_email=contact.email if contact else "", **values)


def _steps(immersion: Immersion, status: str, by: User, host: User | None, today: date,
           reason: str = "") -> None:
    """The dated, signed steps up to `status` (a cancellation comes after the first step)."""
    start, end = immersion.start_date, immersion.end_date
    path = [("proposed", start - timedelta(days=12), by), ("accepted", start - timedelta(days=9), host or by),
            ("convention_signed", start - timedelta(days=4), by), ("under_way", start, by), ("done", end, by)]
    order = [name for name, _, _ in path]
    last = order.index(status) if status != "cancelled" else 0
    previous = None
    for name, day, who in path[:last + 1]:
        moment = min(_at(day, 9), _at(today, 8))
        immersion.steps.append(ImmersionStep(from_status=previous, to_status=name, at=moment,
                                             user_id=who.id, signed_as=_signature(who)))
        previous = name
    if status == "cancelled":
        canceller = host if host is not None and reason.startswith("Pas de tuteur") else by
        immersion.steps.append(ImmersionStep(
            from_status="proposed", to_status="cancelled", at=_at(min(start - timedelta(days=8), today), 10),
            user_id=canceller.id, signed_as=_signature(canceller), note=reason))
        immersion.cancel_reason = reason
    if status in ("convention_signed", "under_way", "done"):
        immersion.convention_kind = "immersion_facilitee"
        immersion.convention_reference = f"IF-2026-{immersion.reference[-5:]}"
    immersion.status = status


def _assess(rng: random.Random, immersion: Immersion, outcome: str, by: User, **hire) -> None:
    planned = len(office_hours().presence_days(immersion.start_date, immersion.end_date))
    partial = rng.random() < 0.2
    immersion.assessment = ImmersionAssessment(
        attendance="partial" if partial else "full", days_attended=planned - 2 if partial else planned,
        tutor_punctuality=rng.choice(TUTOR_VIEWS), tutor_teamwork=rng.choice(TUTOR_VIEWS),
        tutor_job_skills=rng.choice(TUTOR_VIEWS), tutor_would_hire="yes" if outcome == "hired" else rng.choice(("maybe", "no", "yes")),
        tutor_comment=rng.choice(COMMENTS), person_liked_job="no" if outcome == "project_changed" else "yes",
        person_comment=rng.choice(PERSON_COMMENTS), outcome=outcome, recorded_by_id=by.id,
        created_at=_at(immersion.end_date + timedelta(days=3), 11),
        updated_at=_at(immersion.end_date + timedelta(days=3), 11), **hire)


def _fits(profile: Profile, company: Company, start: date, end: date, today: date) -> bool:
    """The rules hold (a past immersion is not held to the person's availability of today)."""
    ignored = {"availability"} if start <= today else set()
    plan = ImmersionPlan(profile, company, start, end, office_hours())
    return not [b for b in plan_breaches(plan, None) if b.rule not in ignored]


def _immersion_steps() -> list[tuple[Promotion, PromotionStep]]:
    """Every demo card with an "immersion" step, and that step."""
    return [(promotion, step) for promotion, step in db.session.execute(
        select(Promotion, PromotionStep).join(PromotionStep).where(
            PromotionStep.kind == "immersion").order_by(Promotion.id))]


def _from_promotion(rng: random.Random, promotion: Promotion, step: PromotionStep, today: date,
                    employers: dict[int, User]) -> Immersion | None:
    start = step.on - timedelta(days=step.on.weekday())  # the Monday of that week
    profile, cre = promotion.profile, promotion.cre
    end = start + LENGTH
    running = promotion.status == "immersion" and start >= today - RECENT
    if running:  # the person is "in immersion": it runs at least to the end of next week
        end = max(end, today - timedelta(days=today.weekday()) + LENGTH)
    if start > today or not _fits(profile, promotion.company, start, end, today):
        return None
    immersion = _immersion(profile, promotion.company, start, cre, rng, offer=promotion.offer,
                           promotion_id=promotion.id, objective="recruit", end_date=end)
    db.session.add(immersion)
    status = "under_way" if running else "done"
    _steps(immersion, status, cre, employers.get(promotion.company_id), today)
    if promotion.status == "hired":
        hired = next(s for s in promotion.steps if s.kind == "hired")
        _assess(rng, immersion, "hired", cre, hired_contract=hired.details.get("contract"),
                hired_on=hired.on, hired_hours_per_week=hired.details.get("hours_per_week"))
    elif status == "done" and (outcome := rng.choice(OUTCOME_MIX)):
        _assess(rng, immersion, outcome, cre)
    return immersion


def _hosts(profile: Profile, pole_companies: list[Company], employed: dict[str, set[str]]) -> list[Company]:
    """Welcoming companies of the person's pôle whose trade employs one of their target jobs."""
    codes = set(profile.target_rome_codes)
    return [c for c in pole_companies if codes & employed.get((c.naf_code or "")[:2], set())]


def _featured(rng: random.Random, today: date, employers: dict[int, User]) -> list[Immersion]:
    """The demo AE's people at every stage, several of them at the demo employer's company."""
    ae = db.session.scalar(select(User).where(User.email == demo_email("ae")))
    employed: dict[str, set[str]] = {}
    for division, code in db.session.execute(select(NafRome.naf_division, NafRome.rome_code)):
        employed.setdefault(division, set()).add(code)
    taken = set(db.session.scalars(select(Immersion.profile_id)))
    people = [p for p in db.session.scalars(select(Profile).where(
        Profile.ae_id == ae.id, Profile.consent_promotion.is_(True)).order_by(Profile.id))
        if p.status in PROMOTABLE_STATUSES and p.id not in taken]
    welcoming = db.session.scalars(select(Company).where(
        Company.welcomes_immersion.is_(True), Company.merged_into_id.is_(None)).order_by(Company.id))
    pole_companies = [c for c in welcoming if c.commune.pole_id == ae.memberships[0].pole_id]
    hosts = {p.id: _hosts(p, pole_companies, employed) for p in people}
    home = next((cid for cid, user in employers.items() if user.email == demo_email("employeur")), None)
    monday = today - timedelta(days=today.weekday())
    written = []
    for stage in FEATURED:
        start = monday + timedelta(days=stage.start_in_days)
        end = start + (timedelta(days=13) if stage.start_in_days == -7 else LENGTH)
        choices = [(p, c) for p in people for c in hosts[p.id] if c.id == home] if stage.at_employer else []
        choices += [(p, rng.choice(hosts[p.id])) for p in people if hosts[p.id]]
        choices += [(p, rng.choice(pole_companies)) for p in people if not hosts[p.id]]
        found = next(((p, c) for p, c in choices if _fits(p, c, start, end, today)), None)
        if found is None:
            continue
        profile, company = found
        people.remove(profile)
        immersion = _immersion(profile, company, start, ae, rng, end_date=end,
                               objective=rng.choice(("discover", "confirm", "recruit")))
        db.session.add(immersion)
        _steps(immersion, stage.status, ae, employers.get(company.id), today, stage.reason)
        if stage.outcome == "hired":
            _assess(rng, immersion, "hired", ae, hired_contract="CDD",
                    hired_on=end + timedelta(days=10), hired_hours_per_week=24.0)
        elif stage.assessed:
            _assess(rng, immersion, stage.outcome, ae)
        written.append(immersion)
    return written


def _hires(today: date) -> None:
    """The featured hire reaches the profile the way an assessment does (through its service)."""
    for immersion in db.session.scalars(select(Immersion).join(ImmersionAssessment).where(
            ImmersionAssessment.outcome == "hired", Immersion.promotion_id.is_(None))):
        a = immersion.assessment
        hire_after_immersion(immersion.referent, immersion, a.hired_contract, a.hired_on,
                             a.hired_hours_per_week, _at(today, 12))
