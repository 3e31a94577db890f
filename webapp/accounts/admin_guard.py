"""The platform keeps at least one administrator who can log in: the last active administrator
cannot be deactivated or lose the role, nor can the organisation that holds them."""

from sqlalchemy import func, select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.core.errors import Invalid
from webapp.extensions import db

LAST_ADMIN = (
    "C'est le dernier administrateur actif de la plateforme : nommez d'abord un autre "
    "administrateur, sinon plus personne ne pourrait administrer Passerelle."
)
LAST_ADMIN_ORGANISATION = (
    "Cette organisation porte le dernier administrateur actif de la plateforme : nommez d'abord "
    "un administrateur dans une autre organisation active avant de la désactiver."
)


def _other_active_admins(
    user: User | None = None, membership: Membership | None = None,
    organisation: Organisation | None = None,
) -> int:
    """Active administrators left once `user`, `membership` or `organisation` is set aside."""
    query = (
        select(func.count(func.distinct(User.id)))
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.role == "admin", User.active.is_(True), Organisation.active.is_(True))
    )
    if user is not None:
        query = query.where(User.id != user.id)
    if membership is not None:
        query = query.where(Membership.id != membership.id)
    if organisation is not None:
        query = query.where(Organisation.id != organisation.id)
    return db.session.scalar(query) or 0


def _is_active_admin(user: User) -> bool:
    return user.active and any(
        m.role == "admin" and m.organisation.active for m in user.memberships
    )


def check_user_deactivation(user: User, active: bool) -> None:
    """Invalid on "active" when deactivating the last active administrator."""
    if not active and _is_active_admin(user) and _other_active_admins(user=user) == 0:
        raise Invalid(LAST_ADMIN, "active")


def check_role_removal(user: User, membership: Membership) -> None:
    """Invalid when removing the last active administrator's admin role."""
    if (
        membership.role == "admin" and user.active and membership.organisation.active
        and _other_active_admins(membership=membership) == 0
    ):
        raise Invalid(LAST_ADMIN, "role")


def check_organisation_deactivation(organisation: Organisation | None, active: bool) -> None:
    """Invalid on "active" when the organisation holds the last active administrator(s)."""
    if organisation is None or active or not organisation.active:
        return
    if _other_active_admins(organisation=organisation) == 0:
        raise Invalid(LAST_ADMIN_ORGANISATION, "active")
