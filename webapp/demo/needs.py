"""Demo hiring needs: about sixty, at every stage, posted by the demo employer accounts.

They go through the real services (post, take, question, answer, decline, withdraw), with dates
in the past. A "converted" need is linked to one of its company's demo offers, so the demo keeps
exactly the offers it planned.
"""

import math
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.accounts import employer_organisation
from webapp.companies.models import Company
from webapp.core.clock import aware
from webapp.extensions import db
from webapp.needs.lifecycle import (
    NeedInput,
    decline_need,
    mark_converted,
    post_message,
    post_need,
    take_need,
    withdraw_need,
)
from webapp.offers.models import Offer
from webapp.reference.models import RomeCode

STAGES = (
    ("waiting", 14),
    ("in_progress", 12),
    ("question", 8),
    ("converted", 14),
    ("declined", 6),
    ("withdrawn", 6),
)
JOBS = (
    ("K2205", "Agent d'entretien de bureaux"),
    ("G1803", "Serveur en salle"),
    ("G1602", "Commis de cuisine"),
    ("G1605", "Plongeur"),
    ("J1501", "Aide-soignant de nuit"),
    ("K1302", "Auxiliaire de vie à domicile"),
    ("N1103", "Préparateur de commandes"),
    ("D1507", "Employé de mise en rayon"),
    ("N4105", "Chauffeur-livreur"),
    ("G1501", "Femme ou valet de chambre"),
    ("A1203", "Jardinier espaces verts"),
    ("N1105", "Manutentionnaire"),
    ("J1301", "Agent de service hospitalier"),
)
CONTRACTS = ("CDI", "CDI", "CDD", "CDD", "SAI", "MIS", "PEC", "IAE")
COMMENTS = (
    "",
    "",
    "Débutant accepté si motivé.",
    "Poste accessible en transports en commun.",
    "Nous formons en interne les deux premières semaines.",
    "Travail en équipe de trois.",
)
QUESTIONS = (
    "Quel salaire proposez-vous pour ce poste ?",
    "Le permis B est-il indispensable ?",
    "Les horaires peuvent-ils commencer à 7 h plutôt qu'à 6 h ?",
    "Pouvez-vous accueillir la personne en immersion une semaine avant l'embauche ?",
)
ANSWERS = (
    "Le SMIC horaire, plus une prime de transport.",
    "Non, le site est desservi par le bus.",
    "Oui, c'est possible après la période d'essai.",
)
DECLINE_REASONS = (
    "Ce poste relève du travail indépendant : nous vous orientons vers la CCI.",
    "Les horaires dépassent la durée légale : reprenons contact pour en reparler.",
)


def _wait_hours(rng: random.Random) -> float:
    """Hours before a CRE takes a need: median about 18 h, a long tail of a few days."""
    return min(rng.lognormvariate(math.log(18), 1.0), 24 * 9)


def _employers() -> list[User]:
    """The demo employer accounts, one per employer organisation, in a stable order."""
    users = (
        db.session.scalars(
            select(User)
            .join(Membership)
            .join(Organisation)
            .where(Membership.role == "employer", Organisation.company_id.is_not(None))
            .order_by(User.email)
        )
        .unique()
        .all()
    )
    return [user for user in users if employer_organisation(user) is not None]


def _need_input(rng: random.Random, insee: str, posted: date, known_rome: set[str]) -> NeedInput:
    rome, title = rng.choice([job for job in JOBS if job[0] in known_rome])
    return NeedInput(
        rome_code=rome,
        commune_insee=insee,
        positions=rng.choice((1, 1, 1, 2, 2, 3, 5)),
        hours_per_week=float(rng.choice((35, 35, 24, 28, 30, 20, 39))),
        contract=rng.choice(CONTRACTS),
        start_date=posted + timedelta(days=rng.randint(10, 60)),
        title=title,
        night=rng.random() < 0.12,
        weekend=rng.random() < 0.3,
        early_morning=rng.random() < 0.25,
        split_shift=rng.random() < 0.15,
        immersion_welcome=rng.random() < 0.6,
        comment=rng.choice(COMMENTS),
    )


def _from_offer(offer: Offer, posted: date) -> NeedInput:
    """The need a demo offer came from: the same job, place and size."""
    start = (
        offer.start_date
        if offer.start_date and offer.start_date >= posted
        else posted + timedelta(days=21)
    )
    return NeedInput(
        rome_code=offer.rome_code,
        commune_insee=offer.commune_insee,
        positions=offer.positions,
        hours_per_week=min(max(offer.hours_per_week or 35.0, 1.0), 48.0),
        contract=offer.contract if offer.contract != "PMSMP" else "CDD",
        start_date=start,
        title=offer.title[:200],
        night=offer.night,
        weekend=offer.weekend,
        early_morning=offer.early_morning,
        split_shift=offer.split_shift,
        immersion_welcome=offer.immersion_possible,
    )


def write_demo_needs(seed: int, today: date) -> int:
    """Post and move about sixty needs through their life; how many were written."""
    rng = random.Random(seed * 7 + 3)
    now = datetime.combine(today, time(9), UTC)
    employers = _employers()
    known_rome = set(db.session.scalars(select(RomeCode.code)))
    offers = {
        e.id: list(
            db.session.scalars(
                select(Offer)
                .where(
                    Offer.company_id == employer_organisation(e).company_id,
                    Offer.rome_code.is_not(None),
                )
                .order_by(Offer.reference)
            )
        )
        for e in employers
    }
    cres = _cres_by_pole()
    written = 0
    for stage, count in STAGES:
        for index in range(count):
            employer = employers[index % len(employers)]
            written += _write_one(rng, stage, employer, offers[employer.id], cres, now, known_rome)
    return written


def _cres_by_pole() -> dict[int | None, list[User]]:
    """The demo CREs by the pôle they work in (None: the whole département)."""
    found: dict[int | None, list[User]] = {}
    for membership in db.session.scalars(
        select(Membership).where(Membership.role == "cre").order_by(Membership.id)
    ):
        territory = membership.pole_id or membership.organisation.pole_id
        found.setdefault(territory, []).append(membership.user)
    return found


def _write_one(
    rng: random.Random,
    stage: str,
    employer: User,
    offers: list[Offer],
    cres: dict[int | None, list[User]],
    now: datetime,
    known_rome: set[str],
) -> int:
    """One need taken to `stage`; 0 when a converted need has no offer left to come from."""
    if stage == "converted" and not offers:
        return 0
    offer = offers.pop(0) if stage == "converted" else None
    if offer is not None:
        converted_at = min(now, aware(offer.created_at))
        posted = converted_at - timedelta(days=rng.uniform(4, 12))
        data = _from_offer(offer, posted.date())
    else:
        posted = now - timedelta(
            days=rng.uniform(0.1, 12) if stage == "waiting" else rng.uniform(4, 60)
        )
        company = db.session.get(Company, employer_organisation(employer).company_id)
        data = _need_input(rng, company.commune_insee, posted.date(), known_rome)
    need = post_need(employer, data, posted.date(), posted)
    if stage == "waiting":
        return 1
    cre = (
        db.session.get(User, offer.cre_id)
        if offer is not None
        else rng.choice(cres.get(need.pole_id) or cres[None])
    )
    # A converted need waits at most a day, so its exchanges end before its offer was created.
    wait = min(_wait_hours(rng), 24.0 if offer is not None else 72.0)
    moment = posted + timedelta(hours=max(wait, 0.3))
    take_need(need, cre, moment)

    def later(hours: float) -> datetime:
        return min(moment + timedelta(hours=hours), now)

    if stage in ("question", "in_progress") or (stage == "converted" and rng.random() < 0.4):
        moment = later(rng.randint(1, 30))
        post_message(need, cre, rng.choice(QUESTIONS), moment, is_question=True)
        if stage != "question":
            moment = later(rng.randint(2, 40))
            post_message(need, employer, rng.choice(ANSWERS), moment)
    if stage == "withdrawn":
        withdraw_need(need, employer, later(rng.randint(24, 120)))
    elif stage == "declined":
        decline_need(need, cre, rng.choice(DECLINE_REASONS), later(3))
    elif offer is not None:
        mark_converted(need, cre, offer, converted_at)
    return 1
