"""Where a person stands, written on their profile through the profile service (so the change
is checked and enters the profile's history like any other save)."""

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.cellule.models import OPEN_PROPOSAL_STATUSES, ProfileProposal
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.profiles.editing import data_from_profile, update_profile
from webapp.profiles.models import Profile
from webapp.promotions.models import CLOSED_STEPS, Promotion

# The statuses the cellule moves a profile between; others (paused, left...) are the AE's.
CELLULE_STATUSES = frozenset({"accompaniment", "proposed", "promoted"})


def set_profile_status(
    profile: Profile,
    status: str,
    by: User | None,
    source: str,
    hired_contract: str | None = None,
    hired_on: date | None = None,
) -> None:
    """Save the profile's new status; Invalid (French) when the profile itself is incomplete."""
    data = replace(
        data_from_profile(profile), status=status, hired_contract=hired_contract, hired_on=hired_on
    )
    try:
        update_profile(profile, data, None, by, source=source, status_hooks=False)
    except Invalid as error:
        raise Invalid(
            f"La situation de {profile.display_label} n'a pas pu être mise à jour, car son "
            f"profil est à compléter : {error.message} Son accompagnateur peut le corriger."
        ) from None


def expected_status(profile: Profile) -> str:
    """In promotion while a card is out, proposed while the cellule holds the person, else back."""
    promoting = db.session.scalar(
        select(Promotion.id)
        .where(
            Promotion.profile_id == profile.id,
            Promotion.sent_at.is_not(None),
            Promotion.status.not_in(CLOSED_STEPS),
        )
        .limit(1)
    )
    if promoting:
        return "promoted"
    proposed = db.session.scalar(
        select(ProfileProposal.id)
        .where(
            ProfileProposal.profile_id == profile.id,
            ProfileProposal.status.in_(OPEN_PROPOSAL_STATUSES),
        )
        .limit(1)
    )
    return "proposed" if proposed else "accompaniment"


def settle_profile_status(profile: Profile, by: User | None, source: str) -> None:
    """Bring a profile the cellule handles to the status its proposals and promotions give."""
    if profile.status not in CELLULE_STATUSES:
        return
    wanted = expected_status(profile)
    if wanted != profile.status:
        set_profile_status(profile, wanted, by, source)
