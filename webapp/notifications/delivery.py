"""Sending the e-mails of notifications, from the task queue only.

Each notification is claimed by one conditional UPDATE (state queued → sending, with a claim
token), committed before anything is sent: two workers never send the same one twice. A failure
puts it back in the queue with its reason and a later next attempt (backoff), until MAX_ATTEMPTS.
"""

import logging
import secrets
from datetime import timedelta

from sqlalchemy import or_, select, update

from webapp.accounts.models import User
from webapp.companies.invitation_mail import invitation_path
from webapp.core import clock
from webapp.core.mail import MailError, transport
from webapp.core.notify import Notification
from webapp.extensions import db
from webapp.notifications import compose, password_reset
from webapp.notifications.kinds import KINDS
from webapp.notifications.preferences import mode_for

log = logging.getLogger(__name__)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
STALE_CLAIM = timedelta(minutes=15)
BATCH = 200


def _claim(ids: list[int], token: str) -> list[Notification]:
    """Take the due, queued notifications among `ids` for this worker; commit the claim."""
    now = clock.now()
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.email_state == "queued",
               or_(Notification.email_next_attempt_at.is_(None),
                   Notification.email_next_attempt_at <= now))
        .values(email_state="sending", email_claim=token, email_claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(db.session.scalars(
        select(Notification).where(Notification.email_claim == token,
                                   Notification.email_state == "sending")
        .order_by(Notification.id)
        .execution_options(populate_existing=True)
    ))


def release_stale_claims() -> int:
    """Claims of a worker that died mid-batch go back to the queue."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.email_state == "sending",
               Notification.email_claimed_at < clock.now() - STALE_CLAIM)
        .values(email_state="queued", email_claim="")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def due_ids(limit: int = BATCH) -> list[int]:
    return list(db.session.scalars(
        select(Notification.id)
        .where(Notification.email_state == "queued",
               or_(Notification.email_next_attempt_at.is_(None),
                   Notification.email_next_attempt_at <= clock.now()))
        .order_by(Notification.id).limit(limit)
    ))


def _failed(notification: Notification, reason: str, permanent: bool = False) -> None:
    """Back in the queue with a later next attempt; `failed` after the last one, or at once
    when the address was refused for good (shown on the user's pages: notifications/address.py)."""
    now = clock.now()
    notification.email_attempts += 1
    notification.email_error = reason[:500]
    notification.email_claim = ""
    if permanent or notification.email_attempts >= MAX_ATTEMPTS:
        notification.email_state = "failed"
        notification.email_next_attempt_at = None
    else:
        notification.email_state = "queued"
        notification.email_next_attempt_at = now + BACKOFF[notification.email_attempts - 1]
    log.warning("notification %s not sent (attempt %s): %s",
                notification.id, notification.email_attempts, reason)


def _route(notification: Notification, recipient: User | None) -> bool:
    """Settle what the recipient's preference decides; True when it is to be sent now."""
    reachable = recipient is not None and (recipient.active or KINDS[notification.kind].to_inactive)
    mode = mode_for(recipient, notification.kind) if reachable else "never"
    if mode == "immediate":
        return True
    notification.email_claim = ""
    notification.email_state = {"daily": "digest_daily", "weekly": "digest_weekly"}.get(mode, "skipped")
    return False


def deliver(ids: list[int] | None = None) -> dict[str, int]:
    """Send the due notifications (these `ids`, or any due); the counts by outcome."""
    counts = {"sent": 0, "failed": 0, "held": 0}
    ids = ids if ids is not None else due_ids()
    if not ids:
        return counts
    claimed = _claim(ids, secrets.token_hex(16))
    to_send = []
    for notification in claimed:
        recipient = db.session.get(User, notification.recipient_id)
        if _route(notification, recipient):
            to_send.append((notification, recipient))
        else:
            counts["held"] += 1
    db.session.commit()
    if not to_send:
        return counts
    try:
        with transport() as out:
            for notification, recipient in to_send:
                try:
                    out.send(_message(notification, recipient))
                except MailError as error:
                    _failed(notification, str(error), error.permanent)
                    counts["failed"] += 1
                else:
                    notification.email_state, notification.email_claim = "sent", ""
                    notification.email_sent_at, notification.email_error = clock.now(), ""
                    notification.email_attempts += 1
                    counts["sent"] += 1
                db.session.commit()
    except MailError as error:  # the server could not be reached at all
        for notification, _recipient in to_send:
            if notification.email_state == "sending":
                _failed(notification, str(error))
                counts["failed"] += 1
        db.session.commit()
    return counts


def _message(notification: Notification, recipient: User):
    link = None
    if notification.kind == "password_reset":
        link = password_reset.reset_link(recipient)
    elif notification.kind == "employer_invitation":
        path = invitation_path(recipient, notification.record_id)
        if path is None:
            raise MailError("invitation déjà utilisée ou supprimée : rien à envoyer", permanent=True)
        link = compose.absolute(path)
    return compose.single_message(notification, recipient, link)


def send_digests(frequency: str) -> int:
    """One digest e-mail per user with notifications waiting for it; nothing to say, no e-mail."""
    state = f"digest_{frequency}"
    recipients = list(db.session.scalars(
        select(Notification.recipient_id).where(Notification.email_state == state).distinct()
    ))
    sent = 0
    with transport() as out:
        for recipient_id in recipients:
            sent += _send_digest(out, recipient_id, frequency, state)
    return sent


def _send_digest(out, recipient_id: int, frequency: str, state: str) -> int:
    token = secrets.token_hex(16)
    db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == recipient_id, Notification.email_state == state)
        .values(email_state="sending", email_claim=token, email_claimed_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    items = list(db.session.scalars(
        select(Notification).where(Notification.email_claim == token).order_by(Notification.id)
        .execution_options(populate_existing=True)
    ))
    recipient = db.session.get(User, recipient_id)
    if not items or recipient is None:
        return 0
    try:
        out.send(compose.digest_message(recipient, frequency, items))
    except MailError as error:
        for item in items:
            item.email_state, item.email_claim = state, ""
            item.email_error = str(error)[:500]
            item.email_attempts += 1
        db.session.commit()
        return 0
    now = clock.now()
    for item in items:
        item.email_state, item.email_claim, item.email_sent_at = "sent", "", now
        item.email_error = ""
    db.session.commit()
    return 1


def retry_now(notification: Notification) -> None:
    """An administrator puts a failed notification back in the queue; flush."""
    notification.email_state = "queued"
    notification.email_next_attempt_at = clock.now()
    notification.email_attempts = 0
    db.session.flush()
