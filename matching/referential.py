"""The reference data the engine reads, indexed once: communes, travel table, ROME levels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import numpy as np

from matching import disk_cache
from matching.exchange import MODES
from matching.textsim import JobText
from matching.travel import (
    CommuneGeometry,
    HeuristicTravelModel,
    TravelTimeModel,
    VagueTrips,
    density_class,
)

if TYPE_CHECKING:
    from matching.suggest import RomeSuggester


class CommuneRecord(CommuneGeometry, Protocol):
    """A commune as the ingestion loaders give it."""

    name: str


class CodeLabel(Protocol):
    """A ROME fiche or domain: code and label."""

    code: str
    label: str


class TermRecord(Protocol):
    """A job name and the ROME code it stands for."""

    term: str
    rome_code: str


class AppellationRecord(Protocol):
    """An official job title and its ROME code."""

    label: str
    rome_code: str


class Referential:
    """Communes with their travel table, and ROME codes with integer ids per level."""

    def __init__(self, communes: Sequence[CommuneRecord], rome: Iterable[CodeLabel],
                 domains: Iterable[CodeLabel], terms: Iterable[TermRecord],
                 travel_model: TravelTimeModel | None = None,
                 appellations: Iterable[AppellationRecord] = (),
                 postal_places: Iterable[PostalPlaceRecord] = ()):
        ordered = sorted(communes, key=lambda c: c.insee)
        self.insee_codes = tuple(c.insee for c in ordered)
        by_insee = {c.insee: c for c in ordered}
        finer = [SubPlace.of(p, by_insee[p.insee]) for p in postal_places if p.insee in by_insee]
        self.commune_names = {c.insee: c.name for c in ordered}
        self.commune_population = {c.insee: c.population for c in ordered}
        self.commune_area = {c.insee: c.area_km2 for c in ordered}
        self.commune_index = {code: i for i, code in enumerate(self.insee_codes)}
        self.density_classes = np.array([density_class(c) for c in ordered], dtype=np.int8)
        # Places: the communes (index = position in insee_codes), then the finer places.
        self.place_index = {(p.parent, p.postal_code): len(ordered) + i
                            for i, p in enumerate(finer)}
        self.vague_trips = VagueTrips.of([c.area_km2 for c in ordered],
                                         [self.commune_index[p.parent] for p in finer])
        model = travel_model if travel_model is not None else HeuristicTravelModel(
            [*ordered, *finer])
        table = model.table(self.insee_codes + tuple(p.insee for p in finer)) if finer \
            else model.table(self.insee_codes)
        # Destination-major copies: scoring one offer reads one contiguous row per mode.
        self.minutes_to = np.ascontiguousarray(table.minutes.transpose(0, 2, 1))
        self.km_to = np.ascontiguousarray(table.km.T)

        self.rome_labels = {r.code: r.label for r in rome}
        self.rome_codes = tuple(sorted(self.rome_labels))
        self.rome_index = {code: i for i, code in enumerate(self.rome_codes)}
        self.domain_labels = {d.code: d.label for d in domains}
        self.domain_ids = _level_ids(code[:3] for code in self.rome_codes)
        self.grand_domain_ids = _level_ids(code[0] for code in self.rome_codes)

        terms = list(terms)
        appellations = list(appellations)
        pairs = [(t.term, t.rome_code) for t in terms]
        unknown = sorted({code for _, code in pairs} - set(self.rome_index))
        if unknown:
            raise ValueError(f"termes rattachés à des codes ROME inconnus : {', '.join(unknown)}")
        pairs = list(dict.fromkeys(pairs + [(label, code) for code, label in self.rome_labels.items()]))
        self.job_text = JobText([term for term, _ in pairs],
                                [self.rome_index[code] for _, code in pairs],
                                len(self.rome_codes))
        self._suggester_inputs = (terms, appellations)

    @cached_property
    def suggester(self) -> RomeSuggester:
        """Title → ROME over the official job titles too (the job fit above keeps the compact
        TF-IDF model of labels and synonyms: scored for every pair, it must stay small).
        Built on first use (ranking offers that all carry a code never needs it), and kept
        on disk keyed by its inputs (matching/disk_cache.py)."""
        from matching.suggest import build_suggester

        terms, appellations = self._suggester_inputs
        fiches = [_Fiche(c, l) for c, l in self.rome_labels.items()]
        key = disk_cache.inputs_digest(
            [f"{f.code}|{f.label}" for f in fiches]
            + [f"{t.term}|{t.rome_code}|{getattr(t, 'kind', '')}" for t in terms]
            + [f"{a.label}|{a.rome_code}" for a in appellations])
        return disk_cache.load_or_build(
            "suggester", key, lambda: build_suggester(fiches, terms, list(appellations)))

    def __getstate__(self) -> dict[str, Any]:
        """What is pickled into the disk cache: everything but the suggester, cached apart."""
        state = dict(self.__dict__)
        state.pop("suggester", None)
        return state

    def trip(self, origin: str, destination: str) -> tuple[float, dict[str, float]]:
        """Route km and minutes per mode from one commune to another (for display, tests)."""
        o, d = self.commune_index[origin], self.commune_index[destination]
        return float(self.km_to[d, o]), {m: float(self.minutes_to[i, d, o])
                                         for i, m in enumerate(MODES)}

    def place(self, commune: str, postal_code: str | None = None) -> int:
        """Travel-table index of a commune, or of its finer place when the postal code names
        one (Arles 13129: Salin-de-Giraud)."""
        if postal_code is not None:
            finer = self.place_index.get((commune, postal_code))
            if finer is not None:
                return finer
        return self.commune_index[commune]

    def has_rome(self, code: str) -> bool:
        """True for a ROME code of the referential."""
        return code in self.rome_index

    def has_commune(self, insee: str) -> bool:
        """True for a commune (or Marseille arrondissement) of the referential."""
        return insee in self.commune_index

    def rome_id(self, code: str | None) -> int:
        """Integer id of a ROME code, -1 for None."""
        return -1 if code is None else self.rome_index[code]

    def domain_label(self, code: str) -> str:
        """Label of a domaine ("K22") or grand domaine ("K"), the code itself when unknown."""
        return self.domain_labels.get(code, code)

    @classmethod
    def from_reference_files(cls) -> Referential:
        """Build from the CSV files shipped in reference/."""
        from reference import (
            job_terms,
            load_appellations,
            load_communes,
            load_postal_places,
            load_rome,
            load_rome_domains,
            load_synonyms,
        )

        rome = load_rome()
        return cls(load_communes(), rome, load_rome_domains(), job_terms(rome, load_synonyms()),
                   appellations=load_appellations(), postal_places=load_postal_places())

    @staticmethod
    @lru_cache(maxsize=1)
    def load_default() -> Referential:
        """The shipped referential, built once per process, or read back from the disk cache
        when the reference files and the code are those it was built from."""
        return disk_cache.load_or_build("referential", disk_cache.sources_digest(),
                                        Referential.from_reference_files)


class PostalPlaceRecord(Protocol):
    """A place finer than its commune, known by its postal code (reference.PostalPlace)."""

    insee: str
    postal_code: str
    lat: float
    lon: float
    area_km2: float


@dataclass(frozen=True)
class SubPlace:
    """A finer place as the travel model sees it: its commune's density class (population and
    area of the commune), its own centre and built-up area."""

    insee: str  # "13004/13129": a travel-table key, never a commune code
    parent: str
    postal_code: str
    kind: str
    population: int
    area_km2: float
    place_area_km2: float
    lat: float
    lon: float

    @property
    def sub_place_of(self) -> str:
        return self.parent

    @classmethod
    def of(cls, place: PostalPlaceRecord, commune: CommuneRecord) -> SubPlace:
        return cls(f"{place.insee}/{place.postal_code}", place.insee, place.postal_code,
                   commune.kind, commune.population, commune.area_km2, place.area_km2,
                   place.lat, place.lon)


class _Fiche(NamedTuple):
    code: str
    label: str


def _level_ids(keys: Iterable[str]) -> np.ndarray:
    """Dense integer ids of a ROME level (domaine or grand domaine), in code order."""
    keys = list(keys)
    ids = {key: i for i, key in enumerate(sorted(set(keys)))}
    return np.array([ids[key] for key in keys], dtype=np.int32)
