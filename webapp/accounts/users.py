"""Accounts and roles: creating users, granting and removing roles, deactivating."""

from sqlalchemy import func, select

from webapp.accounts.admin_guard import check_role_removal, check_user_deactivation
from webapp.accounts.models import ROLES, Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.accounts.sessions import end_sessions
from webapp.core.errors import Invalid
from webapp.core.password_policy import check_password
from webapp.extensions import db


def check_password_strength(password: str, email: str = "", name: str = "") -> None:
    """Invalid (on the password field) when the password is too short, holds the e-mail or is
    easy to guess (webapp/core/password_policy.py)."""
    check_password(password, email, (name.strip().lower(),) if name.strip() else ())


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, display_name: str, password: str) -> User:
    """A new active account; Invalid when the e-mail is taken or the password weak."""
    if find_user_by_email(email) is not None:
        raise Invalid("Un compte existe déjà avec cette adresse e-mail.", "email")
    check_password_strength(password, email, display_name)
    user = User(email=email.strip().lower(), display_name=display_name.strip(), active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, display_name: str, active: bool, new_password: str | None) -> None:
    check_user_deactivation(user, active)
    if new_password:
        check_password_strength(new_password, user.email, display_name)
    if (user.active and not active) or new_password:
        end_sessions(user)  # sessions opened with the old password or before deactivation end
    user.display_name = display_name.strip()
    user.active = active
    if new_password:
        user.set_password(new_password)


def grant_role(user: User, organisation: Organisation, role: str, pole_id: int | None) -> Membership:
    """Give a user a role in an organisation (optionally for one pôle)."""
    if role not in ROLES:
        raise Invalid(f"Rôle inconnu : {role}.", "role")
    if role == "employer" and organisation.kind != "employer":
        raise Invalid("Le rôle employeur se donne dans une organisation de type employeur.", "role")
    for membership in user.memberships:
        if membership.organisation_id == organisation.id and membership.role == role:
            raise Invalid("Cet utilisateur a déjà ce rôle dans cette organisation.", "role")
    membership = Membership(user=user, organisation=organisation, role=role, pole_id=pole_id)
    db.session.add(membership)
    db.session.flush()
    return membership


def revoke_role(user: User, membership_id: int) -> None:
    for membership in list(user.memberships):
        if membership.id == membership_id:
            check_role_removal(user, membership)
            user.memberships.remove(membership)
            db.session.flush()
            return
    raise Invalid("Ce rôle n'existe pas pour cet utilisateur.")
