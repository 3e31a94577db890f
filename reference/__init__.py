"""Reference data of Passerelle: ROME, NAF, communes and pôles d'insertion, as validated records."""

from reference.job_terms import job_terms, split_gendered_label
from reference.loaders import (
    REFERENCE_DIR,
    load_appellations,
    load_communes,
    load_naf,
    load_naf_rome,
    load_pole_communes,
    load_poles,
    load_postal_places,
    load_rome,
    load_rome_domains,
    load_synonyms,
)
from reference.records import (
    Appellation,
    Commune,
    JobTerm,
    NafCode,
    NafRome,
    Pole,
    PoleCommune,
    RomeCode,
    RomeDomain,
    RomeSynonym,
)
from reference.rows import ReferenceDataError

__all__ = [
    "REFERENCE_DIR",
    "Appellation",
    "Commune",
    "JobTerm",
    "NafCode",
    "NafRome",
    "Pole",
    "PoleCommune",
    "ReferenceDataError",
    "RomeCode",
    "RomeDomain",
    "RomeSynonym",
    "job_terms",
    "load_appellations",
    "load_communes",
    "load_naf",
    "load_naf_rome",
    "load_pole_communes",
    "load_poles",
    "load_postal_places",
    "load_rome",
    "load_rome_domains",
    "load_synonyms",
    "split_gendered_label",
]
