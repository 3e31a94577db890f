"""Organisations and the commune-to-pôle mapping an administrator maintains."""

from sqlalchemy import func, select

from webapp.accounts.admin_guard import check_organisation_deactivation
from webapp.accounts.organisation_models import ORGANISATION_KINDS, Organisation
from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.reference.models import Commune, Pole


def save_organisation(
    organisation: Organisation | None, name: str, kind: str, pole_id: int | None, active: bool
) -> Organisation:
    """Create or update an organisation; Invalid when the name is taken or the kind unknown."""
    if kind not in ORGANISATION_KINDS:
        raise Invalid("Type d'organisation inconnu.", "kind")
    clash = db.session.scalar(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    )
    if clash is not None and clash is not organisation:
        raise Invalid("Une organisation porte déjà ce nom.", "name")
    check_organisation_deactivation(organisation, active)
    if organisation is None:
        organisation = Organisation()
        db.session.add(organisation)
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.pole_id = pole_id
    organisation.active = active
    db.session.flush()
    return organisation


def move_commune_to_pole(insee: str, pole_code: str) -> Commune:
    """Attach a commune (or Marseille arrondissement) of the 13 to another pôle."""
    commune = db.session.get(Commune, insee)
    if commune is None or commune.departement != "13" or insee == "13055":
        raise Invalid("Commune inconnue dans les Bouches-du-Rhône.", "insee")
    pole = db.session.scalar(select(Pole).where(Pole.code == pole_code))
    if pole is None:
        raise Invalid("Pôle d'insertion inconnu.", "pole")
    commune.pole = pole
    db.session.flush()
    return commune


def pole_choices() -> list[tuple[int, str]]:
    return [(pole.id, pole.name) for pole in db.session.scalars(select(Pole).order_by(Pole.id))]


def find_organisation(name: str) -> Organisation:
    """The organisation with this exact name (case-insensitive); Invalid otherwise."""
    organisation = db.session.scalar(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    )
    if organisation is None:
        raise Invalid(f"Organisation introuvable : « {name} ».", "organisation")
    return organisation
