"""What the demo profiles need for their pages: the consent history and the exit dates."""

from sqlalchemy import bindparam, insert, select, update

from webapp.extensions import db
from webapp.profiles.models import ConsentChange, Profile

PROFILE_TABLE = Profile.__table__


def add_profile_extras() -> None:
    """One consent entry per profile that gave it, and an exit date for those who left.

    Written at table level so that `updated_at` (which drives the stale alert) stays as planned.
    """
    consents = db.session.execute(
        select(Profile.id, Profile.consent_at, Profile.consent_recorded_by_id)
        .where(Profile.consent_promotion, Profile.consent_at.is_not(None))
    ).all()
    if consents:
        db.session.execute(insert(ConsentChange), [
            {"profile_id": pid, "given": True, "at": at, "recorded_by_id": by, "source": ""}
            for pid, at, by in consents
        ])
    left = db.session.execute(
        select(Profile.id, Profile.updated_at).where(Profile.status == "left", Profile.left_on.is_(None))
    ).all()
    if left:
        db.session.execute(
            update(PROFILE_TABLE).where(PROFILE_TABLE.c.id == bindparam("pid"))
            .values(left_on=bindparam("day"), updated_at=PROFILE_TABLE.c.updated_at),
            [{"pid": pid, "day": updated.date()} for pid, updated in left],
        )
