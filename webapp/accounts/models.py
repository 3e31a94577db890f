"""People who log in, and the roles they hold in organisations."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.accounts.organisation_models import Organisation
from webapp.core.models import TimestampMixin
from webapp.core.passwords import hash_password, verify_password
from webapp.extensions import db
from webapp.reference.models import Pole

ROLES: dict[str, str] = {
    "admin": "Administrateur",
    "direction": "Direction de pôle / responsable",
    "animateur": "Animateur territorial",
    "cre": "Chargé de relations entreprises (CRE)",
    "ae": "Accompagnateur à l'emploi (AE)",
    "employer": "Employeur",
}


class User(UserMixin, TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of the id kept in the session cookie: bumping it ends every session of the user
    # (logout, password change, deactivation), copied cookies included.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses deactivated accounts
        return self.active

    def get_id(self) -> str:  # what Flask-Login keeps in the session: "id:session version"
        return f"{self.id}:{self.session_version or 0}"

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return verify_password(self.password_hash, password)

    @property
    def roles(self) -> set[str]:
        return {membership.role for membership in self.memberships}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def organisation_ids(self) -> set[int]:
        return {membership.organisation_id for membership in self.memberships}


class Membership(db.Model):
    """A role held by a user in an organisation, optionally limited to one pôle (territory)."""

    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    pole: Mapped[Pole | None] = relationship(lazy="joined")

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def territory(self) -> int | None:
        """The pôle the role is held for: its own, else its organisation's; None is the whole
        département."""
        return self.pole_id or self.organisation.pole_id
