"""How demo beneficiaries get about and what holds them back: mobility first (domain brief, §4)."""

import random
from dataclasses import dataclass

from webapp.demo.draw import chance, pick

# Most people on the caseload travel by bus and on foot; a quarter has a licence and a car.
TRAVEL = {"transit": 0.60, "car": 0.25, "other": 0.15}
OTHER_TRAVEL = (
    (("bike", "public_transport", "walk"), 0.1),
    (("carpool", "public_transport", "walk"), 0.5),
    (("two_wheeler", "walk"), 0.3),
)
# Chance that mobility is recorded as a barrier, by how the person travels.
MOBILITY_BARRIER = {"transit": 0.72, "car": 0.08, "other": 0.35}
CHILDCARE_CONSTRAINT = 0.30
OTHER_BARRIERS = {"health": 0.22, "housing": 0.18, "digital": 0.20, "language": 0.12, "other": 0.05}

# Short practical notes an AE might write. Health is a flag only: never a note, never a diagnosis.
NOTES = {
    "mobility_no_licence": ("Pas de permis de conduire", "Zone mal desservie le matin tôt", ""),
    "mobility_licence": ("Permis sans véhicule", "Permis B, pas de voiture", ""),
    "mobility_car": ("Véhicule ancien, pannes fréquentes", ""),
    "mobility_other": ("Trajets longs difficiles sans voiture", ""),
    "childcare": ("Pas de mode de garde le matin", "Garde possible en journée seulement", ""),
    "housing": ("Hébergement temporaire", "Demande de logement en cours", ""),
    "digital": ("Pas d'ordinateur", "Peu à l'aise avec les démarches en ligne", ""),
    "language": (
        "Français oral à renforcer (atelier sociolinguistique)",
        "Lecture-écriture à consolider",
        "",
    ),
    "other": ("Démarches administratives en cours", ""),
}


@dataclass(frozen=True)
class Mobility:
    """How a person travels, whether they can drive, and the barriers recorded for them."""

    modes: tuple[str, ...]
    licence: bool
    vehicle: bool
    childcare_constraint: bool
    barriers: dict[str, str]


def mobility_and_barriers(rng: random.Random) -> Mobility:
    """Travel modes, licence and vehicle, then barriers consistent with them."""
    travel = pick(rng, TRAVEL)
    if travel == "transit":
        modes, licence, vehicle = ("public_transport", "walk"), chance(rng, 0.15), False
    elif travel == "car":
        modes = ("car", "public_transport", "walk") if chance(rng, 0.6) else ("car", "walk")
        licence, vehicle = True, True
    else:
        modes = rng.choice([m for m, _ in OTHER_TRAVEL])
        licence, vehicle = chance(rng, dict(OTHER_TRAVEL)[modes]), False
    barriers: dict[str, str] = {}
    if chance(rng, MOBILITY_BARRIER[travel]):
        barriers["mobility"] = rng.choice(NOTES[_mobility_notes(travel, licence)])
    childcare = chance(rng, CHILDCARE_CONSTRAINT)
    if childcare:  # the profile form derives the constraint from this barrier: keep them in step
        barriers["childcare"] = rng.choice(NOTES["childcare"])
    for barrier, share in OTHER_BARRIERS.items():
        if chance(rng, share):
            barriers[barrier] = "" if barrier == "health" else rng.choice(NOTES[barrier])
    return Mobility(modes, licence, vehicle, childcare, barriers)


def _mobility_notes(travel: str, licence: bool) -> str:
    if travel == "car":
        return "mobility_car"
    if travel == "other":
        return "mobility_other"
    return "mobility_licence" if licence else "mobility_no_licence"
