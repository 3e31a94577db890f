"""Who sees which dashboard: a territory (or the département) and, when asked, one
organisation, as the rows ("dashboard.view") of the permission table allow.

- ALL (administrators): every territory, every organisation;
- TERRITORY (a pôle's direction, the animateur): their territory, every organisation in it;
  a role held without a pôle in an organisation without one (the Département's managers)
  reaches the whole département and every pôle;
- ORGANISATION (CREs, AEs): their territory's totals and their own organisation's figures.
"""

from dataclasses import dataclass

from sqlalchemy import or_, select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core.permissions import ALL, ORGANISATION, TERRITORY, scope_for
from webapp.dashboard.cache import kept
from webapp.extensions import db
from webapp.reference.models import Pole

ACTION = "dashboard.view"
DEPARTEMENT_LABEL = "Tout le département"
ALL_ORGANISATIONS_LABEL = "Toutes les organisations"


@dataclass(frozen=True)
class Grant:
    """What one role lets its holder see: territories (None = the département and every
    pôle) and organisations (None = every one)."""

    pole_id: int | None
    organisation_id: int | None


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Access:
    grants: tuple[Grant, ...]

    def allows(self, pole_id: int | None, organisation_id: int | None) -> bool:
        """True when some role reaches this territory and (when given) this organisation."""
        return any(
            (grant.pole_id is None or grant.pole_id == pole_id)
            and (organisation_id is None or grant.organisation_id in (None, organisation_id))
            for grant in self.grants)

    @property
    def sees_departement(self) -> bool:
        return any(grant.pole_id is None for grant in self.grants)

    def default_pole(self) -> int | None:
        """The territory shown first: the user's own pôle, else the département."""
        poles = [grant.pole_id for grant in self.grants if grant.pole_id is not None]
        return None if self.sees_departement or not poles else poles[0]


def access_for(user: User) -> Access:
    """The grants of every role the user holds for the dashboard."""
    grants = []
    for membership in user.memberships:
        scope = scope_for(membership.role, ACTION)
        territory = membership.territory
        if scope == ALL:
            grants.append(Grant(None, None))
        elif scope == TERRITORY:
            grants.append(Grant(territory, None))
        elif scope == ORGANISATION:
            grants.append(Grant(territory, membership.organisation_id))
    return Access(tuple(dict.fromkeys(grants)))


def territory_choices(access: Access) -> list[Choice]:
    """The territories the user may pick: the département first when allowed, then pôles."""
    poles = kept(("choices", "poles"), lambda: db.session.execute(
        select(Pole.id, Pole.code, Pole.name).order_by(Pole.id)).all()).value
    reachable = [(i, code, name) for i, code, name in poles if access.allows(i, None)]
    choices = [Choice("", DEPARTEMENT_LABEL)] if access.sees_departement else []
    return choices + [Choice(str(i), f"Pôle {code} – {name}") for i, code, name in reachable]


def organisation_choices(access: Access, pole_id: int | None) -> list[Choice]:
    """Everyone, then the organisations the user may single out in this territory."""
    own = {grant.organisation_id for grant in access.grants} - {None}
    statement = select(Organisation.id, Organisation.name).where(
        Organisation.active, Organisation.kind != "employer").order_by(Organisation.name)
    if pole_id is not None:
        statement = statement.where(or_(Organisation.pole_id == pole_id,
                                        Organisation.pole_id.is_(None), Organisation.id.in_(own)))
    # Kept with the figures: an organisation created a minute ago may be offered at the next
    # computation; the user's right to each one is checked below, on every view.
    rows = kept(("choices", "organisations", pole_id, *sorted(own)),
                lambda: db.session.execute(statement).all()).value
    allowed = [Choice(str(i), name) for i, name in rows if access.allows(pole_id, i)]
    return [Choice("", ALL_ORGANISATIONS_LABEL), *allowed]


def territory_label(pole_id: int | None) -> str:
    if pole_id is None:
        return DEPARTEMENT_LABEL
    pole = db.session.get(Pole, pole_id)
    return f"Pôle {pole.code} – {pole.name}" if pole else "Territoire inconnu"


def organisation_label(organisation_id: int | None) -> str:
    if organisation_id is None:
        return ALL_ORGANISATIONS_LABEL
    organisation = db.session.get(Organisation, organisation_id)
    return organisation.name if organisation else "Organisation inconnue"
