"""Planning the demo beneficiary profiles: pseudonymous, spread like the RSA caseload."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from webapp.core.errors import Invalid
from webapp.demo.barriers import mobility_and_barriers
from webapp.demo.context import DemoContext, Place
from webapp.demo.draw import allocate, chance, moment, pick, pick_weighted, quota
from webapp.demo.jobs import SECTOR_SHARES, Job, available_catalogue, everyday_title
from webapp.demo.names import BENEFICIARY_FIRST_NAMES, INITIALS

# RSA claimants per pôle in December 2023 (domain brief, section 3a).
ARSA_BY_POLE = {
    "I": 5711,
    "II": 5970,
    "III": 10856,
    "IV": 10040,
    "V": 7160,
    "VI": 4930,
    "VII": 3617,
    "VIII": 3234,
    "IX": 8311,
    "X": 2474,
}
PARCOURS_SHARES = {"emploi": 0.55, "socio_pro": 0.30, "remobilisation": 0.15}
JOB_READY_BY_PARCOURS = {"emploi": 0.50, "socio_pro": 0.20, "remobilisation": 0.05}
STATUS_IF_READY = {
    "accompaniment": 0.40,
    "proposed": 0.15,
    "promoted": 0.15,
    "immersion": 0.10,
    "hired": 0.15,
    "paused": 0.02,
    "left": 0.03,
}
STATUS_OTHERWISE = {"accompaniment": 0.85, "paused": 0.08, "left": 0.07}
CONSENT_NEEDED = frozenset({"proposed", "promoted", "immersion", "hired"})
HIRED_CONTRACTS = {"CDI": 0.35, "CDD": 0.30, "MIS": 0.12, "PEC": 0.10, "IAE": 0.10, "ALT": 0.03}
LEFT_REASONS = (
    "Déménagement hors du département",
    "Sortie du RSA (ressources supérieures au plafond)",
    "Entrée en formation qualifiante",
    "Fin d'accompagnement à la demande de la personne",
    "Réorientation vers un accompagnement social",
)
TARGET_COUNTS = {1: 0.45, 2: 0.35, 3: 0.20}
MAX_MINUTES = {20: 0.05, 30: 0.25, 40: 0.18, 45: 0.22, 60: 0.22, 75: 0.04, 90: 0.04}
QUALIFICATIONS = (
    "CAP Agent de propreté et d'hygiène",
    "Titre professionnel Assistant de vie aux familles",
    "CACES R489 catégories 1, 3 et 5",
    "BEP Vente",
    "CAP Cuisine",
    "Aucun diplôme",
    "Baccalauréat obtenu à l'étranger",
    "SST (sauveteur secouriste du travail)",
    "Titre professionnel Agent magasinier",
    "CAP Petite enfance",
)
OTHER_LANGUAGES = (
    "arabe",
    "anglais",
    "espagnol",
    "italien",
    "turc",
    "comorien",
    "wolof",
    "russe",
    "roumain",
    "arménien",
    "portugais",
)
STALE_SHARE = 0.2
STALE_AFTER_DAYS = 57  # just over the 8 weeks after which the home page flags a profile


@dataclass(frozen=True)
class AeSeat:
    """An AE role profiles are followed through: who, in which organisation, for which pôle."""

    email: str
    organisation: str
    pole: str


@dataclass(frozen=True)
class TargetPlan:
    rank: int
    rome_code: str
    experience_months: int


@dataclass(frozen=True)
class ProfilePlan:
    organisation: str  # organisation key
    ae: str  # e-mail of the AE, who also recorded the consent
    pole: str
    columns: dict[str, object]
    targets: tuple[TargetPlan, ...]


def plan_profiles(
    rng: random.Random,
    context: DemoContext,
    seats: tuple[AeSeat, ...],
    count: int,
    featured: tuple[str, int],
) -> tuple[ProfilePlan, ...]:
    """`count` profiles spread over the pôles like the caseload.

    `featured` is (AE e-mail, number of profiles) for the demo AE whose caseload is fixed.
    """
    catalogue = available_catalogue(context.rome_codes)
    first_sectors = iter(quota(rng, count, {s: SECTOR_SHARES[s] for s in catalogue}))
    per_pole = allocate(count, {code: ARSA_BY_POLE.get(code, 0) for code in context.poles})
    plans: list[ProfilePlan] = []
    for pole, pole_count in per_pole.items():
        places = context.places_of(pole)
        pole_seats = [s for s in seats if s.pole == pole]
        followers = _followers(rng, pole_seats, pole_count, featured, pole)
        for seat in followers:
            place = pick_weighted(rng, places, [p.population for p in places])
            sector = next(first_sectors)
            plans.append(
                _profile(rng, context.today, len(plans) + 1, place, seat, sector, catalogue)
            )
    return tuple(plans)


def _followers(
    rng: random.Random, seats: list[AeSeat], count: int, featured: tuple[str, int], pole: str
) -> list[AeSeat]:
    """Which AE follows each profile of a pôle: the featured AE gets exactly its share."""
    if not seats:
        raise Invalid(f"Aucun accompagnateur de démonstration pour le pôle {pole}.")
    email, featured_count = featured
    chosen = [s for s in seats if s.email == email][:1] * min(featured_count, count)
    others = [s for s in seats if s.email != email] or seats
    chosen += [rng.choice(others) for _ in range(count - len(chosen))]
    rng.shuffle(chosen)
    return chosen


def _profile(
    rng: random.Random,
    today: date,
    number: int,
    place: Place,
    seat: AeSeat,
    sector: str,
    catalogue: dict[str, tuple[Job, ...]],
) -> ProfilePlan:
    entry = today - timedelta(days=rng.randint(1, 730))
    parcours = pick(rng, PARCOURS_SHARES)
    targets = _targets(rng, sector, catalogue)
    created = moment(entry, rng)
    updated = moment(today - timedelta(days=_days_since_update(rng, today, entry)), rng)
    first_job = _job(catalogue, targets[0][0])
    columns = {
        "reference": f"P-{today.year}-{number:05d}",
        "label": f"{rng.choice(BENEFICIARY_FIRST_NAMES)} {rng.choice(INITIALS)}.",
        "external_ref": f"SOLIS-{number:06d}",
        "commune_insee": place.insee,
        "parcours": parcours,
        "entry_date": entry,
        "weekly_activity_hours": _activity_hours(rng),
        "target_titles": [everyday_title(rng.choice(first_job.titles))] if chance(rng, 0.3) else [],
        **_constraints(rng),
        "qualifications": rng.choice(QUALIFICATIONS) if chance(rng, 0.6) else "",
        "languages": _languages(rng),
        **_situation(rng, today, entry, parcours),
        "created_at": created,
        "updated_at": max(created, updated),
    }
    ranked = tuple(TargetPlan(rank, rome, months) for rank, (rome, months) in enumerate(targets, 1))
    return ProfilePlan(seat.organisation, seat.email, place.pole, columns, ranked)


def _activity_hours(rng: random.Random) -> float | None:
    """15 to 20 hours a week, as the pilots aim for; None for an exemption."""
    return None if chance(rng, 0.08) else float(rng.choice((15, 15, 15, 16, 18, 20)))


def _constraints(rng: random.Random) -> dict[str, object]:
    """Travel, working hours and barriers: people with childcare to arrange accept fewer shifts."""
    mobility = mobility_and_barriers(rng)
    childcare = mobility.childcare_constraint
    min_hours = rng.choice((15, 15, 18, 20, 20))
    max_hours = rng.choice([h for h in (20, 24, 26, 28, 30, 35, 35, 35) if h >= min_hours])
    return {
        "mobility_modes": list(mobility.modes),
        "max_minutes": pick(rng, MAX_MINUTES),
        "driving_licence": mobility.licence,
        "vehicle": mobility.vehicle,
        "min_hours_per_week": float(min_hours),
        "max_hours_per_week": float(max_hours),
        "can_night": chance(rng, 0.05 if childcare else 0.15),
        "can_weekend": chance(rng, 0.25 if childcare else 0.45),
        "can_early_morning": chance(rng, 0.30 if childcare else 0.50),
        "can_split_shift": chance(rng, 0.20 if childcare else 0.35),
        "childcare_constraint": childcare,
        "barriers": mobility.barriers,
    }


def _situation(rng: random.Random, today: date, entry: date, parcours: str) -> dict[str, object]:
    """Readiness, where the person stands, and the consent to promote their profile."""
    since_entry = (today - entry).days
    job_ready = chance(rng, JOB_READY_BY_PARCOURS[parcours])
    status = pick(rng, STATUS_IF_READY if job_ready else STATUS_OTHERWISE)
    consent = status in CONSENT_NEEDED or chance(rng, 0.8)
    hired, left = status == "hired", status == "left"
    consent_day = min(entry + timedelta(days=rng.randint(0, 14)), today - timedelta(days=1))
    return {
        # never before the entry in the accompaniment: the profile form refuses that
        "available_from": max(entry, today + timedelta(days=rng.randint(-30, 60))),
        "job_ready": job_ready,
        "job_ready_since": entry + timedelta(days=rng.randint(0, since_entry))
        if job_ready
        else None,
        "status": status,
        "hired_contract": pick(rng, HIRED_CONTRACTS) if hired else None,
        "hired_on": today - timedelta(days=rng.randint(5, 120)) if hired else None,
        "left_reason": rng.choice(LEFT_REASONS) if left else "",
        "left_on": entry + timedelta(days=rng.randint(0, since_entry - 1)) if left else None,
        "consent_promotion": consent,
        "consent_at": moment(consent_day, rng) if consent else None,
    }


def _targets(
    rng: random.Random, sector: str, catalogue: dict[str, tuple[Job, ...]]
) -> list[tuple[str, int]]:
    """1 to 3 distinct target jobs: the first in `sector`, the others mostly alike."""
    wanted = pick(rng, TARGET_COUNTS)
    codes: list[str] = []
    for rank in range(wanted):
        if rank and not chance(rng, 0.6):  # later targets mostly stay in the first one's sector
            sector = pick(rng, {s: SECTOR_SHARES[s] for s in catalogue})
        jobs = [j for j in catalogue[sector] if j.rome not in codes]
        if jobs:
            codes.append(pick_weighted(rng, jobs, [j.weight for j in jobs]).rome)
    return [
        (code, 0 if chance(rng, 0.3) else min(240, int(rng.expovariate(1 / 30)) + 1))
        for code in codes
    ]


def _job(catalogue: dict[str, tuple[Job, ...]], rome: str) -> Job:
    return next(job for job in catalogue[rome[0]] if job.rome == rome)


def _languages(rng: random.Random) -> str:
    return f"français, {rng.choice(OTHER_LANGUAGES)}" if chance(rng, 0.35) else "français"


def _days_since_update(rng: random.Random, today: date, entry: date) -> int:
    """Most profiles were touched in the last 8 weeks; some are stale, for the home page alert."""
    since_entry = (today - entry).days
    if since_entry > STALE_AFTER_DAYS and chance(rng, STALE_SHARE):
        return rng.randint(STALE_AFTER_DAYS, since_entry)
    return rng.randint(1, max(1, min(STALE_AFTER_DAYS - 2, since_entry)))
