"""Reading hiring needs: the CREs' queue, the employer's overview, labels and waiting times."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from webapp.accounts.home import HomeCard, HomeRequest
from webapp.accounts.models import User
from webapp.companies.account_models import EmployerRegistration
from webapp.core.clock import aware
from webapp.core.formatting import number_fr
from webapp.core.permissions import can, may, visible_clause
from webapp.extensions import db
from webapp.needs.models import NEED_STATUSES, OPEN_NEED_STATUSES, HiringNeed
from webapp.offers.models import CONTRACTS, Offer

# What the employer reads for each status (the CRE reads NEED_STATUSES).
EMPLOYER_STATUS_LABELS: dict[str, str] = {
    "waiting": "Envoyé, en attente d'un CRE",
    "in_progress": "Pris en charge par un CRE",
    "question": "Question en attente de votre réponse",
    "converted": "Devenu une offre",
    "declined": "Non retenu",
    "withdrawn": "Retiré",
}
STATUS_TONES: dict[str, str] = {
    "waiting": "warn",
    "in_progress": "",
    "question": "warn",
    "converted": "good",
    "declined": "bad",
    "withdrawn": "muted",
}


@dataclass(frozen=True)
class Badge:
    label: str
    tone: str


def status_badge(need: HiringNeed, for_employer: bool) -> Badge:
    """The status of a need as a badge for one side (text carries the meaning, colour helps)."""
    labels = EMPLOYER_STATUS_LABELS if for_employer else NEED_STATUSES
    return Badge(labels[need.status], STATUS_TONES[need.status])


def waiting_label(delta: timedelta) -> str:
    """« 3 jours », « 5 heures », « moins d'une heure »: how long something has waited."""
    hours = int(delta.total_seconds() // 3600)
    if hours >= 48:
        return f"{hours // 24} jours"
    if hours >= 24:
        return "1 jour"
    if hours >= 2:
        return f"{hours} heures"
    return "1 heure" if hours == 1 else "moins d'une heure"


def waiting_for(need: HiringNeed, now: datetime) -> timedelta:
    """How long the need waited (or has been waiting) before a CRE took it."""
    end = aware(need.taken_at) if need.taken_at else now
    return end - aware(need.created_at)


SCHEDULE_LABELS = {
    "night": "de nuit",
    "weekend": "le week-end",
    "early_morning": "tôt le matin",
    "split_shift": "en horaires coupés",
}


def schedule_label(need: HiringNeed) -> str:
    """« Travail de nuit, le week-end » or « Horaires de journée »."""
    flags = [label for column, label in SCHEDULE_LABELS.items() if getattr(need, column)]
    return f"Travail {', '.join(flags)}" if flags else "Horaires de journée"


@dataclass(frozen=True)
class NeedDisplay:
    """What a page shows about a need, computed once for one reader."""

    need: HiringNeed
    badge: Badge
    follower: str
    waited: str
    hours: str
    schedule: str
    contract: str
    may_take: bool
    may_act: bool


def need_display(need: HiringNeed, reader: User, now: datetime, for_employer: bool) -> NeedDisplay:
    """Labels and the actions open to `reader` for one need."""
    waited = waiting_label(waiting_for(need, now))
    hours = float(need.hours_per_week)
    return NeedDisplay(
        need=need,
        badge=status_badge(need, for_employer),
        follower=need.cre.display_name if need.cre else "Personne pour l'instant",
        waited=f"pris en charge après {waited}" if need.taken_at else f"en attente depuis {waited}",
        hours=f"{number_fr(hours, 0 if hours.is_integer() else 1)} h par semaine",
        schedule=schedule_label(need),
        contract=CONTRACTS.get(need.contract, need.contract),
        may_take=(not for_employer and need.status == "waiting" and can(reader, "need.take", need)),
        may_act=not for_employer and need.is_open and need.cre_id == reader.id,
    )


def visible_needs(user: User, *conditions):
    """A select of the needs the user may see, oldest first."""
    return (
        select(HiringNeed)
        .where(visible_clause(user, "need.queue", HiringNeed), *conditions)
        .order_by(HiringNeed.created_at, HiringNeed.id)
    )


@dataclass(frozen=True)
class Queue:
    waiting: list[HiringNeed]
    mine: list[HiringNeed]
    colleagues: list[HiringNeed]


def cre_queue(cre: User) -> Queue:
    """The territory's waiting needs, the open needs the CRE follows and those colleagues follow."""
    scalars = db.session.scalars
    return Queue(
        waiting=scalars(visible_needs(cre, HiringNeed.status == "waiting")).all(),
        mine=scalars(
            visible_needs(
                cre, HiringNeed.cre_id == cre.id, HiringNeed.status.in_(OPEN_NEED_STATUSES)
            )
        ).all(),
        colleagues=scalars(
            visible_needs(
                cre, HiringNeed.cre_id != cre.id, HiringNeed.status.in_(("in_progress", "question"))
            )
        ).all(),
    )


@dataclass(frozen=True)
class QueueSummary:
    waiting: int
    oldest_wait: timedelta | None


def queue_summary(user: User, now: datetime) -> QueueSummary:
    """How many visible needs wait for a CRE, and since when the oldest has waited."""
    count, oldest = db.session.execute(
        select(func.count(HiringNeed.id), func.min(HiringNeed.created_at)).where(
            visible_clause(user, "need.take", HiringNeed), HiringNeed.status == "waiting"
        )
    ).one()
    return QueueSummary(count, now - aware(oldest) if oldest else None)


@dataclass(frozen=True)
class EmployerOverview:
    needs: list[HiringNeed]
    awaiting_answer: list[HiringNeed]
    offers: list[Offer]


def employer_overview(employer: User) -> EmployerOverview:
    """The employer's needs (newest first), those waiting for their answer, and their offers."""
    needs = db.session.scalars(
        select(HiringNeed)
        .where(visible_clause(employer, "need.view", HiringNeed))
        .order_by(HiringNeed.created_at.desc(), HiringNeed.id.desc())
    ).all()
    offers = db.session.scalars(
        select(Offer)
        .where(visible_clause(employer, "offer.view", Offer))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ).all()
    return EmployerOverview(needs, [n for n in needs if n.status == "question"], offers)


@dataclass(frozen=True)
class WaitingStats:
    """Time from posting to being taken, for the needs posted in a period, in hours."""

    posted: int
    taken: int
    still_waiting: int
    median_hours: float | None
    p90_hours: float | None


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile with linear interpolation between the closest ranks."""
    if len(values) == 1:
        return float(values[0])
    cut_points = statistics.quantiles(values, n=100, method="inclusive")
    return cut_points[round(fraction * 100) - 1]


def waiting_time_stats(pole_id: int | None, start: datetime, end: datetime) -> WaitingStats:
    """Median and 90th percentile of the wait before a CRE takes a need, for needs posted in
    [start, end) in one pôle (every pôle when None). Needs never taken count as still waiting."""
    statement = select(HiringNeed.created_at, HiringNeed.taken_at).where(
        HiringNeed.created_at >= start, HiringNeed.created_at < end
    )
    if pole_id is not None:
        statement = statement.where(HiringNeed.pole_id == pole_id)
    rows = db.session.execute(statement).all()
    hours = [
        (aware(taken) - aware(created)).total_seconds() / 3600
        for created, taken in rows
        if taken is not None
    ]
    return WaitingStats(
        posted=len(rows),
        taken=len(hours),
        still_waiting=len(rows) - len(hours),
        median_hours=statistics.median(hours) if hours else None,
        p90_hours=percentile(hours, 0.9) if hours else None,
    )


def need_cards(home: HomeRequest) -> list[HomeCard]:
    """Home cards about hiring needs: the queue for CREs, answers awaited for employers."""
    user, now = home.user, home.now
    cards: list[HomeCard] = []
    if may(user, "need.take"):
        summary = queue_summary(user, now)
        oldest = (
            f"le plus ancien attend depuis {waiting_label(summary.oldest_wait)}"
            if summary.oldest_wait is not None
            else "aucun besoin n'attend"
        )
        cards.append(
            HomeCard(
                "Besoins d'employeurs à prendre",
                summary.waiting,
                oldest,
                "attention" if summary.waiting else "good",
                endpoint="needs.queue",
                params={"_anchor": "a-prendre"},
            )
        )
    if may(user, "registration.decide"):
        pending = (
            db.session.scalar(
                select(func.count(EmployerRegistration.id)).where(
                    visible_clause(user, "registration.decide", EmployerRegistration),
                    EmployerRegistration.status == "pending",
                )
            )
            or 0
        )
        cards.append(
            HomeCard(
                "Inscriptions d'employeurs à valider",
                pending,
                "comptes employeurs en attente de votre décision",
                "attention" if pending else "good",
                endpoint="companies.accounts",
            )
        )
    if may(user, "need.create"):
        overview = employer_overview(user)
        open_needs = sum(1 for need in overview.needs if need.is_open)
        cards.append(
            HomeCard(
                "Mes besoins en cours",
                open_needs,
                "besoins de recrutement déposés et pas encore clos",
                endpoint="employer_space.index",
                params={"_anchor": "mes-besoins"},
            )
        )
        awaiting = len(overview.awaiting_answer)
        cards.append(
            HomeCard(
                "Questions à répondre",
                awaiting,
                "un CRE attend votre réponse pour avancer",
                "attention" if awaiting else "good",
                endpoint="employer_space.index",
                params={"_anchor": "a-repondre"},
            )
        )
    return cards
