"""Small builders for test objects, with sensible defaults and real reference codes."""

from itertools import count

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Commune, Membership, Organisation, Pole, User

PASSWORD = "correct horse battery"
_sequence = count(1)


def pole(code: str) -> Pole:
    return db.session.scalar(select(Pole).where(Pole.code == code))


def commune(insee: str) -> Commune:
    return db.session.get(Commune, insee)


def organisation(name: str | None = None, kind: str = "france_travail", pole_code: str | None = "I",
                 **values) -> Organisation:
    org = Organisation(
        name=name or f"Organisation {next(_sequence)}",
        kind=kind,
        pole=pole(pole_code) if pole_code else None,
        **values,
    )
    db.session.add(org)
    db.session.flush()
    return org


def user(*roles: tuple, email: str | None = None, name: str | None = None, active: bool = True) -> User:
    """A user holding (organisation, role) or (organisation, role, pole_code) roles."""
    number = next(_sequence)
    person = User(
        email=email or f"personne{number}@exemple.fr",
        display_name=name or f"Personne {number}",
        active=active,
    )
    person.set_password(PASSWORD)
    db.session.add(person)
    for held in roles:
        org, role, *rest = held
        pole_code = rest[0] if rest else None
        db.session.add(
            Membership(user=person, organisation=org, role=role, pole=pole(pole_code) if pole_code else None)
        )
    db.session.flush()
    return person
