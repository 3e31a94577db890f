"""Frozen records returned by the reference-data loaders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RomeCode:
    """One ROME 4.0 fiche: code like "K2204" and its label."""

    code: str
    label: str

    @property
    def domain_code(self) -> str:
        """Domaine professionnel, the first three characters (e.g. "K22")."""
        return self.code[:3]

    @property
    def grand_domain_code(self) -> str:
        """Grand domaine, the first letter (e.g. "K")."""
        return self.code[0]


@dataclass(frozen=True)
class RomeDomain:
    """A grand domaine (one letter) or a domaine professionnel (letter and two digits)."""

    code: str
    label: str

    @property
    def is_grand_domain(self) -> bool:
        """True for the 14 one-letter grands domaines."""
        return len(self.code) == 1


@dataclass(frozen=True)
class Appellation:
    """An official ROME 4.0 job title ("appellation") and the code France Travail gives it."""

    code_ogr: str
    label: str
    rome_code: str


@dataclass(frozen=True)
class RomeSynonym:
    """An everyday job name and the ROME code it stands for."""

    term: str
    rome_code: str


@dataclass(frozen=True)
class JobTerm:
    """A searchable job name; kind is "label", "masculine", "feminine" or "synonym"."""

    term: str
    rome_code: str
    kind: str


@dataclass(frozen=True)
class Commune:
    """A commune or a Marseille arrondissement municipal, with its centroid and area."""

    insee: str
    name: str
    kind: str  # "commune" or "arrondissement"
    parent_insee: str | None  # "13055" for an arrondissement, else None
    departement: str
    postal_codes: tuple[str, ...]
    population: int
    area_km2: float
    lat: float
    lon: float

    @property
    def density(self) -> float:
        """Inhabitants per km²."""
        return self.population / self.area_km2


@dataclass(frozen=True)
class NafCode:
    """A NAF rév. 2 code (here the 2-digit divisions) and its label."""

    code: str
    label: str


@dataclass(frozen=True)
class NafRome:
    """A ROME code employed in a NAF division, per France Travail."""

    naf_division: str
    rome_code: str


@dataclass(frozen=True)
class Pole:
    """One of the ten pôles d'insertion of the Bouches-du-Rhône (codes I to X)."""

    code: str
    name: str
    territory: str


@dataclass(frozen=True)
class PoleCommune:
    """The pôle d'insertion a commune (or Marseille arrondissement) belongs to."""

    insee: str
    pole_code: str
