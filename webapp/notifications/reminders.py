"""Reminders on a schedule (a daily task): a card left unanswered (the employer after 7 days,
again after 14, then the CRE after 21), an offer ending in 7 days, an immersion ended (its
assessment is due) and its assessment still missing 3 days later, actions past their due date,
prospection actions due today, profiles not updated for STALE_PROFILE_WEEKS.

Each reminder is given once: a ReminderStamp with a key naming the thing and the stage is
written in the same transaction as the notification, and its unique key makes a second
writer (another worker, the same task run twice) fail and step aside."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.accounts.recipients import employer_user_ids
from webapp.cellule.models import SessionLine
from webapp.core import clock
from webapp.core.formatting import date_fr
from webapp.core.notify import notify, record_path
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.notifications.models import ReminderStamp
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion
from webapp.prospection.models import ProspectionAction

CARD_STAGES = (7, 14, 21)  # days after sending: employer, employer again, then the CRE
OFFER_ENDING_DAYS = 7
ASSESSMENT_GRACE_DAYS = 3
QUIET_PROFILE_STATUSES = ("hired", "left", "paused")


def give(key: str, kind: str, recipients, **where) -> int:
    """Notify once for `key` (commit); 0 when it was already given, here or by another worker."""
    if _stamped(key):
        return 0
    try:
        db.session.add(ReminderStamp(key=key, created_at=clock.now()))
        created = notify(kind, [r for r in recipients if r], **where)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return 0
    return max(len(created), 1)


def _stamped(key: str) -> bool:
    return db.session.scalar(select(ReminderStamp.id).where(ReminderStamp.key == key)) is not None


def unanswered_cards() -> int:
    """The cards still waiting for the employer: the highest stage reached, once each."""
    now, given = clock.now(), 0
    cards = db.session.scalars(select(Promotion).where(
        Promotion.status == "sent", Promotion.sent_at <= now - timedelta(days=CARD_STAGES[0])))
    for card in cards:
        age = (now - clock.aware(card.sent_at)).days
        stage = max(s for s in CARD_STAGES if s <= age)
        if any(_stamped(f"card:{card.id}:{s}") for s in CARD_STAGES if s >= stage):
            continue
        words = {"card": card.reference, "job": card.job_label, "days": stage,
                 "company": card.company.name}
        if stage < CARD_STAGES[-1]:
            given += give(f"card:{card.id}:{stage}", "card_waiting",
                          employer_user_ids(card.company_id), record_type="promotion",
                          record_id=card.id, params=words,
                          url=record_path("employer_space.card", promotion_id=card.id))
        else:
            given += give(f"card:{card.id}:{stage}", "card_unanswered", [card.cre_id],
                          record_type="promotion", record_id=card.id, params=words,
                          url=record_path("promotions.detail", promotion_id=card.id))
    return given


def ending_offers() -> int:
    """Open offers whose end date is within a week: their CRE, once per end date."""
    today, given = clock.today(), 0
    offers = db.session.scalars(select(Offer).where(
        Offer.status == "open", Offer.cre_id.is_not(None),
        Offer.end_date.between(today, today + timedelta(days=OFFER_ENDING_DAYS))))
    for offer in offers:
        given += give(f"offer-ending:{offer.id}:{offer.end_date}", "offer_ending", [offer.cre_id],
                      record_type="offer", record_id=offer.id,
                      url=record_path("offers.detail", offer_id=offer.id),
                      params={"offer": offer.reference, "job": offer.title,
                              "end": date_fr(offer.end_date)})
    return given


def assessments() -> int:
    """An immersion ended: its assessment is due (the AE); still missing 3 days on (AE, CRE)."""
    today, given = clock.today(), 0
    ended = db.session.scalars(select(Immersion).where(
        Immersion.status.not_in(("cancelled", "proposed")), Immersion.end_date <= today))
    for immersion in ended:
        if immersion.assessment is not None:
            continue
        where = {"record_type": "immersion", "record_id": immersion.id,
                 "url": record_path("immersions.detail", immersion_id=immersion.id),
                 "params": {"person": immersion.profile.display_label,
                            "profile_id": immersion.profile_id,
                            "reference": immersion.reference, "end": date_fr(immersion.end_date)}}
        if immersion.end_date <= today - timedelta(days=ASSESSMENT_GRACE_DAYS):
            given += give(f"assessment-missing:{immersion.id}", "assessment_missing",
                          [immersion.person_ae_id, immersion.referent_id], **where)
        else:
            given += give(f"assessment-due:{immersion.id}", "assessment_due",
                          [immersion.person_ae_id], **where)
    return given


def prospection_actions() -> int:
    """Prospection actions due today (their owner) and overdue ones (once each)."""
    today, given = clock.today(), 0
    actions = db.session.scalars(select(ProspectionAction).where(
        ProspectionAction.done_at.is_(None), ProspectionAction.due_on <= today))
    for action in actions:
        company = action.target.company.name
        where = {"record_type": "prospection_action", "record_id": action.id,
                 "url": record_path("prospection.target", target_id=action.target_id)}
        if action.due_on == today:
            given += give(f"action-due:{action.id}", "action_due", [action.owner_id], **where,
                          params={"action": action.kind_label, "company": company,
                                  "due": date_fr(action.due_on)})
        else:
            given += give(f"action-overdue:{action.id}", "action_overdue", [action.owner_id],
                          **where, params={"action": f"{action.kind_label} – {company}",
                                           "due": date_fr(action.due_on),
                                           "where": "plan de prospection"})
    return given


def cellule_actions() -> int:
    """Actions decided in a cellule session, past their due date: their owner, once each."""
    today, given = clock.today(), 0
    lines = db.session.scalars(select(SessionLine).where(
        SessionLine.kind == "action", SessionLine.done_at.is_(None),
        SessionLine.struck_at.is_(None), SessionLine.owner_id.is_not(None),
        SessionLine.due_on < today))
    for line in lines:
        given += give(f"cellule-action:{line.id}", "action_overdue", [line.owner_id],
                      record_type="session_line", record_id=line.id,
                      url=record_path("cellule.session", session_id=line.session_id),
                      params={"action": line.text[:80], "due": date_fr(line.due_on),
                              "where": "séance de cellule emploi"})
    return given


def stale_profiles() -> int:
    """Profiles not updated for STALE_PROFILE_WEEKS: their AE, once per quiet spell."""
    weeks = current_app.config["STALE_PROFILE_WEEKS"]
    given = 0
    profiles = db.session.scalars(select(Profile).where(
        Profile.ae_id.is_not(None), Profile.status.not_in(QUIET_PROFILE_STATUSES),
        Profile.updated_at < clock.now() - timedelta(weeks=weeks)))
    for profile in profiles:
        since = clock.aware(profile.updated_at).date()
        given += give(f"profile-stale:{profile.id}:{since}", "profile_stale", [profile.ae_id],
                      record_type="profile", record_id=profile.id,
                      url=record_path("profiles.show", profile_id=profile.id),
                      params={"person": profile.display_label, "weeks": weeks,
                              "profile_id": profile.id})
    return given


REMINDERS = (unanswered_cards, ending_offers, assessments, prospection_actions, cellule_actions,
             stale_profiles)


def run_reminders() -> dict[str, int]:
    """Every reminder due now, once; the count given by each."""
    return {reminder.__name__: reminder() for reminder in REMINDERS}
