"""Which part of the département's pool a user's list opens on, and how the page says it.

Every CRE and AE sees every offer shared with the département (core/permissions.py): the list
opens on the user's own territory, says so, and offers the whole département in one click
(?perimetre=departement, kept in the URL). A search around a commune reaches past the pôle."""

from dataclasses import dataclass

from webapp.accounts.models import User
from webapp.core.permissions import COMPANY, DEPARTMENT, TERRITORY, live_memberships, scope_for
from webapp.extensions import db
from webapp.reference.models import Pole

WHOLE_DEPARTMENT = "departement"


def home_pole(user: User) -> Pole | None:
    """The pôle the user's pool opens on: the one territory of their staff roles; None when a
    role covers the whole département or every record, for several pôles, or for employers."""
    territories = set()
    for membership in live_memberships(user):
        scope = scope_for(membership.role, "offer.view")
        if scope in (DEPARTMENT, TERRITORY):
            territories.add(membership.territory)
        elif scope is not None and scope != COMPANY:
            return None
    if len(territories) != 1 or None in territories:
        return None
    return db.session.get(Pole, territories.pop())


def territory_name(pole: Pole) -> str:
    """« Marseille I » for « Pôle d'insertion Marseille I »."""
    return pole.name.removeprefix("Pôle d'insertion ")


@dataclass(frozen=True)
class PoolTerritory:
    """The part of the pool shown: the user's pôle (None: no pôle of their own) and whether
    they asked for the whole département."""

    home: Pole | None
    whole: bool

    @property
    def pole_id(self) -> int | None:
        """The pôle the list is limited to, None for the whole département."""
        return self.home.id if self.home and not self.whole else None

    @property
    def name(self) -> str:
        return territory_name(self.home) if self.home else ""


def pool_territory(user: User, asked: str | None) -> PoolTerritory:
    """The territory the list shows: the user's pôle unless `asked` is the whole département."""
    return PoolTerritory(home_pole(user), (asked or "") == WHOLE_DEPARTMENT)
