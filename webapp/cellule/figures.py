"""Counts of the cellule's activity for the indicators: proposals, promotion steps, refusal
reasons, hires and events, over a period and a territory (the person's pôle; None = every one).

Every function reads plain counts; nothing here names a person."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from webapp.cellule.models import ProfileProposal
from webapp.events.models import EmploymentEvent
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.promotions.models import (
    NOT_HIRED_REASONS,
    NOT_INTERESTED_REASONS,
    Promotion,
    PromotionStep,
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return (
            datetime.combine(self.start, time.min, UTC),
            datetime.combine(self.end + timedelta(days=1), time.min, UTC),
        )


@dataclass(frozen=True)
class Hire:
    """One hire through a promotion: no person, only what the indicators count."""

    pole_id: int | None
    contract: str
    hours_per_week: float | None
    starts_on: date | None
    company_id: int
    for_offer: bool
    days_from_card: int | None  # card sent -> hire recorded


def _territory(pole_ids: list[int] | None):
    return Profile.pole_id.in_(pole_ids) if pole_ids is not None else Profile.id.is_not(None)


def proposals_by_status(pole_ids: list[int] | None, period: Period) -> dict[str, int]:
    """People put forward during the period, by the proposal's current status."""
    start, end = period.bounds
    rows = db.session.execute(
        select(ProfileProposal.status, func.count(ProfileProposal.id))
        .join(Profile, Profile.id == ProfileProposal.profile_id)
        .where(
            _territory(pole_ids),
            ProfileProposal.created_at >= start,
            ProfileProposal.created_at < end,
        )
        .group_by(ProfileProposal.status)
    )
    return dict(rows.all())


def steps_by_kind(pole_ids: list[int] | None, period: Period) -> dict[str, int]:
    """Promotion steps recorded during the period, by kind (sent, interested, hired...)."""
    start, end = period.bounds
    rows = db.session.execute(
        select(PromotionStep.kind, func.count(PromotionStep.id))
        .join(Promotion, Promotion.id == PromotionStep.promotion_id)
        .join(Profile, Profile.id == Promotion.profile_id)
        .where(_territory(pole_ids), PromotionStep.at >= start, PromotionStep.at < end)
        .group_by(PromotionStep.kind)
    )
    return dict(rows.all())


def refusal_reasons(pole_ids: list[int] | None, period: Period) -> dict[str, dict[str, int]]:
    """{"not_interested": {reason label: count}, "not_hired": {...}} for the period."""
    start, end = period.bounds
    rows = db.session.execute(
        select(PromotionStep.kind, PromotionStep.reason, func.count(PromotionStep.id))
        .join(Promotion, Promotion.id == PromotionStep.promotion_id)
        .join(Profile, Profile.id == Promotion.profile_id)
        .where(
            _territory(pole_ids),
            PromotionStep.kind.in_(("not_interested", "not_hired")),
            PromotionStep.at >= start,
            PromotionStep.at < end,
        )
        .group_by(PromotionStep.kind, PromotionStep.reason)
    )
    labels = {"not_interested": NOT_INTERESTED_REASONS, "not_hired": NOT_HIRED_REASONS}
    found: dict[str, Counter] = {kind: Counter() for kind in labels}
    for kind, reason, count in rows:
        found[kind][labels[kind].get(reason, reason or "Non précisé")] += count
    return {kind: dict(counter.most_common()) for kind, counter in found.items()}


def hires(pole_ids: list[int] | None, period: Period) -> list[Hire]:
    """Every hire recorded on a promotion during the period."""
    start, end = period.bounds
    rows = db.session.execute(
        select(PromotionStep, Promotion, Profile.pole_id)
        .join(Promotion, Promotion.id == PromotionStep.promotion_id)
        .join(Profile, Profile.id == Promotion.profile_id)
        .where(
            _territory(pole_ids),
            PromotionStep.kind == "hired",
            PromotionStep.at >= start,
            PromotionStep.at < end,
        )
        .order_by(PromotionStep.at)
    )
    found = []
    for step, promotion, pole_id in rows:
        delay = (
            (step.at.replace(tzinfo=None) - promotion.sent_at.replace(tzinfo=None)).days
            if promotion.sent_at
            else None
        )
        found.append(
            Hire(
                pole_id,
                step.details.get("contract", ""),
                step.details.get("hours_per_week"),
                step.on,
                promotion.company_id,
                promotion.offer_id is not None,
                delay,
            )
        )
    return found


def events_by_kind(pole_ids: list[int] | None, period: Period) -> dict[str, int]:
    """Employment events held (or planned) in the period, by kind."""
    territory = (
        EmploymentEvent.pole_id.in_(pole_ids)
        if pole_ids is not None
        else EmploymentEvent.id.is_not(None)
    )
    rows = db.session.execute(
        select(EmploymentEvent.kind, func.count(EmploymentEvent.id))
        .where(territory, EmploymentEvent.on >= period.start, EmploymentEvent.on <= period.end)
        .group_by(EmploymentEvent.kind)
    )
    return dict(rows.all())
