"""Planning the demo employers: invented names, SIRETs that can never be real, aligned sectors."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from ingestion.siret import luhn_valid
from webapp.demo.context import DemoContext, Place
from webapp.demo.draw import chance, pick, pick_weighted, quota
from webapp.demo.jobs import SECTOR_SHARES, Job, available_catalogue
from webapp.demo.names import (
    COMPANY_SUFFIXES,
    COMPANY_WORDS,
    CONTACT_ROLES,
    STAFF_FIRST_NAMES,
    STAFF_LAST_NAMES,
    STREET_NAMES,
)

FICTITIOUS_SIREN_PREFIX = "999"  # no SIREN starts with 999: these can never be a real company

SIZE_BANDS = {"0": 0.03, "1-9": 0.45, "10-49": 0.30, "50-249": 0.15, "250+": 0.07}
LABEL_SHARES = {  # keys: the COMPANY_LABELS columns of Company
    "welcomes_immersion": 0.30,
    "club_member": 0.12,
    "social_clause": 0.10,
    "emplois_en_provence": 0.10,
    "pacte_objectifs": 0.06,
}

# Business zones named in the brief (Les Paluds, Les Milles, Plan de Campagne, Fos, Vitrolles,
# La Valentine...): companies settle there more often than population alone says.
BUSINESS_ZONES = frozenset(
    {
        "13001",
        "13005",
        "13004",
        "13019",
        "13028",
        "13039",
        "13041",
        "13042",
        "13047",
        "13054",
        "13056",
        "13063",
        "13071",
        "13081",
        "13097",
        "13103",
        "13117",
        "13202",
        "13208",
        "13211",
        "13214",
        "13215",
    }
)
ZONE_BONUS = 3.0

# NAF divisions a sector's companies usually belong to, among those mapped to the job.
SECTOR_DIVISIONS = {
    "K": ("81", "88", "80", "38", "68", "87"),
    "D": ("47", "46", "96"),
    "N": ("52", "49", "53", "51"),
    "M": ("82", "86", "84"),
    "G": ("56", "55"),
    "J": ("86", "87"),
    "F": ("43", "41", "42"),
    "H": ("10", "29", "25", "20", "28"),
    "A": ("01", "81"),
    "I": ("45", "81", "68"),
}
DIVISION_WORDS = {
    "01": ("Domaine", "Mas", "Serres"),
    "10": ("Conserverie", "Biscuiterie"),
    "20": ("Chimie",),
    "25": ("Métallerie",),
    "28": ("Mécanique",),
    "29": ("Équipements",),
    "38": ("Collecte",),
    "41": ("Bâtiment", "Constructions"),
    "42": ("Travaux publics",),
    "43": ("Rénovation", "Travaux"),
    "45": ("Garage", "Auto Services"),
    "46": ("Négoce", "Distribution"),
    "47": ("Supérette", "Boutique", "Bazar"),
    "49": ("Transports", "Autocars"),
    "51": ("Aéro Services",),
    "52": ("Logistique", "Entrepôts"),
    "53": ("Courses Express",),
    "55": ("Hôtel", "Résidence"),
    "56": ("Restaurant", "Brasserie", "Pizzeria"),
    "68": ("Résidences",),
    "80": ("Sécurité", "Gardiennage"),
    "81": ("Nettoyage", "Propreté", "Multiservices"),
    "82": ("Bureau Services", "Accueil Plus"),
    "86": ("Clinique", "Centre de soins"),
    "87": ("EHPAD", "Résidence seniors"),
    "88": ("Aide à domicile", "Domicile Services"),
    "96": ("Institut", "Pressing"),
}


@dataclass(frozen=True)
class ContactPlan:
    name: str
    role: str
    email: str  # under the reserved .example domain; no phone number, as none is safe to invent


@dataclass(frozen=True)
class CompanyPlan:
    """An employer to create; `jobs` are the catalogue jobs its NAF division employs."""

    name: str
    siret: str
    naf_code: str | None
    place: Place
    address: str
    size_band: str
    labels: frozenset[str]
    contacts: tuple[ContactPlan, ...]
    created_by: str  # organisation key
    sector: str


def fictitious_siret(rng: random.Random) -> str:
    """A SIRET whose SIREN and full number both pass the Luhn check, starting with 999."""
    body = FICTITIOUS_SIREN_PREFIX + "".join(rng.choices("0123456789", k=5))
    siren = next(body + d for d in "0123456789" if luhn_valid(body + d))
    nic = "0001" if rng.random() < 0.8 else f"{rng.randint(2, 99):04d}"
    return next(siren + nic + d for d in "0123456789" if luhn_valid(siren + nic + d))


def company_place_weights(places: tuple[Place, ...]) -> list[float]:
    return [p.population * (ZONE_BONUS if p.insee in BUSINESS_ZONES else 1.0) for p in places]


def plan_companies(
    rng: random.Random, context: DemoContext, count: int, creators: dict[str, tuple[str, ...]]
) -> tuple[CompanyPlan, ...]:
    """`count` companies in the sector mix; `creators` gives the organisation keys per pôle."""
    catalogue = available_catalogue(context.rome_codes)
    weights = company_place_weights(context.places)
    names: set[str] = set()
    sirets: set[str] = set()
    plans = []
    for sector in quota(rng, count, {s: SECTOR_SHARES[s] for s in catalogue}):
        job = pick_weighted(rng, catalogue[sector], [j.weight for j in catalogue[sector]])
        division = _division_for(rng, context, job)
        place = pick_weighted(rng, context.places, weights)
        name = _unique(names, _company_name, rng, division)
        siret = _unique(sirets, fictitious_siret, rng)
        plans.append(
            CompanyPlan(
                name=name,
                siret=siret,
                naf_code=division,
                place=place,
                address=f"{rng.randint(1, 120)} {rng.choice(STREET_NAMES)}",
                size_band=pick(rng, SIZE_BANDS),
                labels=frozenset(
                    label for label, share in LABEL_SHARES.items() if chance(rng, share)
                ),
                contacts=tuple(_contact(rng, name) for _ in range(rng.choice((1, 1, 2)))),
                created_by=rng.choice(creators[place.pole]),
                sector=sector,
            )
        )
    return tuple(plans)


def _division_for(rng: random.Random, context: DemoContext, job: Job) -> str | None:
    mapped = context.naf_divisions.get(job.rome, ())
    usual = [d for d in SECTOR_DIVISIONS.get(job.sector, ()) if d in mapped]
    candidates = usual or list(mapped)
    return rng.choice(candidates) if candidates else None


def _company_name(rng: random.Random, division: str | None) -> str:
    activity = rng.choice(DIVISION_WORDS.get(division or "", ("Entreprise",)))
    return f"{activity} {rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_SUFFIXES)} (fictif)"


def _unique(taken: set[str], draw: Callable[..., str], *args) -> str:
    """A value from `draw(*args)` not yet taken, drawn again until it is new."""
    value = draw(*args)
    while value in taken:
        value = draw(*args)
    taken.add(value)
    return value


def _contact(rng: random.Random, company_name: str) -> ContactPlan:
    first, last = rng.choice(STAFF_FIRST_NAMES), rng.choice(STAFF_LAST_NAMES)
    slug = "".join(c for c in company_name.lower().split(" (")[0] if c.isascii() and c.isalnum())
    return ContactPlan(
        name=f"{first} Démo-{last}",
        role=rng.choice(CONTACT_ROLES),
        email=f"{last.lower()}@{slug}.example",
    )
