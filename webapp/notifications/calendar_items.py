"""The calendar items beyond sessions and employment events: immersions, the interview and
immersion dates of promotions, actions with a due date.

Calendars travel to phones and shared diaries: the items name a reference, a company and a
job, never a person. Each keeps one UID for its whole life (a new date raises SEQUENCE, so
the calendar moves the item rather than adding one); a cancelled immersion is CANCELLED."""

from datetime import date, datetime, timedelta

from icalendar import Event
from sqlalchemy import or_, select

from webapp.accounts.models import User
from webapp.cellule.models import SessionLine
from webapp.core import clock
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.profiles.models import Profile
from webapp.promotions.models import MEETING_KINDS, Promotion, PromotionStep
from webapp.prospection.models import ProspectionAction

UID_DOMAIN = "passerelle.cd13"
MEETING_STEPS = ("interested", "interview", "immersion")


def _all_day(item: Event, first: date, last: date | None = None) -> None:
    item.add("dtstart", first)
    item.add("dtend", (last or first) + timedelta(days=1))


def immersion_event(immersion: Immersion, url: str) -> Event:
    item = Event()
    item.add("uid", f"immersion-{immersion.id}@{UID_DOMAIN}")
    item.add("summary", f"Immersion {immersion.reference} chez {immersion.company.name}")
    _all_day(item, immersion.start_date, immersion.end_date)
    item.add("dtstamp", clock.now())
    item.add("location", immersion.company.name)
    item.add("url", url)
    item.add("sequence", immersion.version or 0)
    item.add("status", "CANCELLED" if immersion.status == "cancelled" else "CONFIRMED")
    return item


def meeting_dates(promotion: Promotion) -> dict[str, tuple[date, int]]:
    """{"interview"|"immersion": (its latest date, how many times it was set)} of a card."""
    found: dict[str, tuple[date, int]] = {}
    steps = sorted(promotion.steps, key=lambda s: (clock.aware(s.at), s.id))
    for step in steps:
        if step.kind not in MEETING_STEPS or step.on is None:
            continue
        meeting = step.details.get("meeting", "") if step.kind == "interested" else step.kind
        if meeting in MEETING_KINDS:
            found[meeting] = (step.on, found.get(meeting, (None, -1))[1] + 1)
    return found


def promotion_events(promotion: Promotion, url: str) -> list[Event]:
    """The card's interview and immersion dates, one item each (all day: no hour is asked)."""
    items = []
    for meeting, (on, changes) in meeting_dates(promotion).items():
        item = Event()
        item.add("uid", f"promotion-{promotion.id}-{meeting}@{UID_DOMAIN}")
        item.add("summary", f"{MEETING_KINDS[meeting]} – carte {promotion.reference} "
                            f"({promotion.company.name})")
        _all_day(item, on)
        item.add("dtstamp", clock.now())
        item.add("url", url)
        item.add("sequence", changes)
        item.add("status", "CANCELLED" if promotion.status == "withdrawn" else "CONFIRMED")
        items.append(item)
    return items


def action_event(uid: str, summary: str, due_on: date, done: bool, url: str) -> Event:
    item = Event()
    item.add("uid", f"{uid}@{UID_DOMAIN}")
    item.add("summary", ("Fait : " if done else "À faire : ") + summary)
    _all_day(item, due_on)
    item.add("dtstamp", clock.now())
    item.add("url", url)
    item.add("transp", "TRANSPARENT")
    return item


def items_for(user: User, since: datetime, absolute) -> list[Event]:
    """The user's immersions, their cards' meetings and their actions, from `since` on."""
    first_day = since.date()
    items = []
    immersions = db.session.scalars(select(Immersion).where(
        or_(Immersion.referent_id == user.id, Immersion.proposed_by_id == user.id,
            Immersion.profile_id.in_(select(Profile.id).where(Profile.ae_id == user.id))),
        Immersion.end_date >= first_day).order_by(Immersion.start_date))
    items += [immersion_event(i, absolute(f"/immersions/{i.id}")) for i in immersions]
    promotions = db.session.scalars(select(Promotion).where(
        or_(Promotion.cre_id == user.id,
            Promotion.profile_id.in_(select(Profile.id).where(Profile.ae_id == user.id))),
        Promotion.id.in_(select(PromotionStep.promotion_id).where(
            PromotionStep.kind.in_(MEETING_STEPS), PromotionStep.on >= first_day))))
    for promotion in promotions:
        items += promotion_events(promotion, absolute(f"/promotions/{promotion.id}"))
    actions = db.session.scalars(select(ProspectionAction).where(
        ProspectionAction.owner_id == user.id, ProspectionAction.due_on >= first_day))
    items += [action_event(f"action-prospection-{a.id}",
                           f"{a.kind_label} – {a.target.company.name}", a.due_on,
                           a.done_at is not None, absolute(f"/prospection/cibles/{a.target_id}"))
              for a in actions]
    lines = db.session.scalars(select(SessionLine).where(
        SessionLine.owner_id == user.id, SessionLine.kind == "action",
        SessionLine.struck_at.is_(None), SessionLine.due_on >= first_day))
    items += [action_event(f"action-cellule-{line.id}", line.text[:80], line.due_on,
                           line.done_at is not None, absolute(f"/cellule/seances/{line.session_id}"))
              for line in lines]
    return items
