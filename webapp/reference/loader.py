"""Loading the shipped reference data into the database, idempotently and all at once."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select

import reference
from webapp.extensions import db
from webapp.reference.models import Commune, JobTerm, Naf, NafRome, Pole, RomeCode, RomeDomain


@dataclass(frozen=True)
class LoadCounts:
    """How many rows each reference table holds after a load."""

    rome_domains: int
    rome_codes: int
    job_terms: int
    naf_codes: int
    naf_rome_links: int
    poles: int
    communes: int

    def lines(self) -> list[str]:
        return [
            f"domaines ROME : {self.rome_domains}",
            f"codes ROME : {self.rome_codes}",
            f"appellations recherchables : {self.job_terms}",
            f"codes NAF : {self.naf_codes}",
            f"liens NAF-ROME : {self.naf_rome_links}",
            f"pôles d'insertion : {self.poles}",
            f"communes et arrondissements : {self.communes}",
        ]


def _upsert(model, key: Callable, rows: Iterable[dict]) -> int:
    """Insert missing rows and update changed ones, matched on their primary key."""
    existing = {key(obj): obj for obj in db.session.scalars(select(model))}
    count = 0
    for values in rows:
        count += 1
        obj = existing.get(key(values))
        if obj is None:
            db.session.add(model(**values))
            continue
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
    return count


def load_reference_data(
    directory: Path | None = None, progress: Callable[[str], None] = lambda step: None
) -> LoadCounts:
    """Read every reference file (all validated first), then upsert; the caller commits.

    `directory` defaults to the files shipped in reference/.
    A broken row raises ingestion's ReferenceDataError before anything is written.
    The pôle of a commune is set only when it has none, so an administrator's edits stay.
    """
    def file(name: str) -> Path | None:
        return directory / name if directory else None

    domains = reference.load_rome_domains(file("rome_domains.csv"))
    rome = reference.load_rome(file("rome.csv"))
    terms = reference.job_terms(rome, reference.load_synonyms(file("rome_synonyms.csv")))
    naf = reference.load_naf(file("naf.csv"))
    naf_rome = reference.load_naf_rome(file("naf_rome.csv"))
    poles = reference.load_poles(file("poles.csv"))
    communes = reference.load_communes(file("communes.csv"))
    pole_of_commune = {
        row.insee: row.pole_code for row in reference.load_pole_communes(file("pole_communes.csv"))
    }

    progress("ROME")
    _upsert(RomeDomain, lambda r: _get(r, "code"), ({"code": d.code, "label": d.label} for d in domains))
    _upsert(RomeCode, lambda r: _get(r, "code"), ({"code": r.code, "label": r.label} for r in rome))
    db.session.flush()
    progress("appellations")
    db.session.execute(delete(JobTerm))
    db.session.add_all(JobTerm(term=t.term, kind=t.kind, rome_code=t.rome_code) for t in terms)
    progress("NAF")
    _upsert(Naf, lambda r: _get(r, "code"), ({"code": n.code, "label": n.label} for n in naf))
    db.session.flush()
    _upsert(
        NafRome,
        lambda r: (_get(r, "naf_division"), _get(r, "rome_code")),
        ({"naf_division": link.naf_division, "rome_code": link.rome_code} for link in naf_rome),
    )
    progress("pôles")
    _upsert(Pole, lambda r: _get(r, "code"), (
        {"code": p.code, "name": p.name, "territory": p.territory} for p in poles
    ))
    db.session.flush()
    pole_ids = {p.code: p.id for p in db.session.scalars(select(Pole))}
    progress("communes")
    _upsert(Commune, lambda r: _get(r, "insee"), (_commune_values(c) for c in communes))
    db.session.flush()
    for commune in db.session.scalars(select(Commune).where(Commune.pole_id.is_(None))):
        if commune.insee in pole_of_commune:
            commune.pole_id = pole_ids[pole_of_commune[commune.insee]]
    db.session.flush()
    return reference_counts()


def _get(row, name: str):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _commune_values(commune) -> dict:
    return {
        "insee": commune.insee,
        "name": commune.name,
        "kind": commune.kind,
        "parent_insee": commune.parent_insee,
        "departement": commune.departement,
        "postal_codes": " ".join(commune.postal_codes),
        "population": commune.population,
        "area_km2": commune.area_km2,
        "lat": commune.lat,
        "lon": commune.lon,
    }


def reference_counts() -> LoadCounts:
    def count(model) -> int:
        return db.session.scalar(select(func.count()).select_from(model))

    return LoadCounts(
        rome_domains=count(RomeDomain),
        rome_codes=count(RomeCode),
        job_terms=count(JobTerm),
        naf_codes=count(Naf),
        naf_rome_links=count(NafRome),
        poles=count(Pole),
        communes=count(Commune),
    )
