"""The reference data the demo is planned from, read once from the database."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.reference.models import Commune, Naf, NafRome, Pole, RomeCode

DEMO_DEPARTEMENT = "13"


@dataclass(frozen=True)
class Place:
    """A commune (or Marseille arrondissement) of the département, in its pôle."""

    insee: str
    name: str
    pole: str
    population: int


@dataclass(frozen=True)
class DemoContext:
    """Everything the planners need to know about the territory, as plain values."""

    today: date
    poles: dict[str, str]  # pôle code -> name, in the order of the reference file
    places: tuple[Place, ...]
    rome_codes: frozenset[str]
    naf_divisions: dict[str, tuple[str, ...]]  # ROME code -> NAF divisions employing it

    def places_of(self, pole: str) -> tuple[Place, ...]:
        return tuple(place for place in self.places if place.pole == pole)


def read_context(today: date) -> DemoContext:
    """The territory as loaded by `flask reference load`; Invalid when it is not loaded."""
    poles = db.session.execute(select(Pole.id, Pole.code, Pole.name).order_by(Pole.id)).all()
    pole_code = {pole_id: code for pole_id, code, _ in poles}
    places = tuple(
        Place(insee, name, pole_code[pole_id], population)
        for insee, name, pole_id, population in db.session.execute(
            select(Commune.insee, Commune.name, Commune.pole_id, Commune.population)
            .where(Commune.departement == DEMO_DEPARTEMENT, Commune.pole_id.is_not(None))
            .order_by(Commune.insee)
        )
    )
    if not poles or not places:
        raise Invalid("Données de référence absentes : lancez d'abord « flask reference load ».")
    known_naf = set(db.session.scalars(select(Naf.code)))
    divisions: dict[str, list[str]] = defaultdict(list)
    for division, rome in db.session.execute(
        select(NafRome.naf_division, NafRome.rome_code).order_by(NafRome.naf_division)
    ):
        if division in known_naf:
            divisions[rome].append(division)
    return DemoContext(
        today=today,
        poles={code: name for _, code, name in poles},
        places=places,
        rome_codes=frozenset(db.session.scalars(select(RomeCode.code))),
        naf_divisions={rome: tuple(codes) for rome, codes in divisions.items()},
    )
