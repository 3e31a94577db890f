"""Who to tell: the user ids behind a role in a territory or an employer's company."""

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.extensions import db


def employer_user_ids(company_id: int) -> list[int]:
    """The active employer accounts of a company."""
    return list(db.session.scalars(
        select(Membership.user_id).join(Organisation).join(User, User.id == Membership.user_id)
        .where(Organisation.company_id == company_id, Membership.role == "employer",
               User.active.is_(True))
        .distinct()
    ))


def role_ids_of_pole(role: str, pole_id: int | None) -> list[int]:
    """The active users holding `role` for this territory (pôle)."""
    if pole_id is None:
        return []
    return list(db.session.scalars(
        select(Membership.user_id).join(User, User.id == Membership.user_id)
        .where(Membership.role == role, Membership.pole_id == pole_id, User.active.is_(True))
        .distinct()
    ))
