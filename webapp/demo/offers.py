"""Planning the demo offers: the sector mix, everyday titles, hours and a signed history."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from webapp.demo.companies import CompanyPlan
from webapp.demo.context import DemoContext
from webapp.demo.draw import chance, moment, pick, pick_weighted, quota
from webapp.demo.jobs import SECTOR_SHARES, Job, available_catalogue, everyday_title
from webapp.offers.models import CONTRACTS

STATUS_SHARES = {
    "open": 0.70,
    "filled": 0.10,
    "draft": 0.05,
    "expired": 0.06,
    "suspended": 0.05,
    "cancelled": 0.04,
}
# How many days ago an offer in each status was entered (low, high).
AGE_BY_STATUS = {
    "draft": (1, 12),
    "open": (1, 75),
    "suspended": (20, 100),
    "filled": (30, 160),
    "expired": (60, 200),
    "cancelled": (15, 120),
}
CLOSING_NOTES = {
    "suspended": "Recrutement suspendu à la demande de l'employeur",
    "filled": "Poste pourvu",
    "expired": "Date limite de publication dépassée",
    "cancelled": "Besoin annulé par l'employeur",
}
CONTRACT_SHARES = {"CDI": 0.42, "CDD": 0.23, "MIS": 0.12, "PEC": 0.06, "IAE": 0.07, "ALT": 0.05}
# Extra weight some sectors give a contract: seasonal farm and hotel work, social clauses of
# public works, cleaning and green-space contracts, temping in logistics and industry.
SECTOR_CONTRACTS = {
    "A": {"SAI": 0.25, "CLAUSE": 0.06},
    "G": {"SAI": 0.15},
    "F": {"CLAUSE": 0.18},
    "K": {"CLAUSE": 0.04},
    "N": {"MIS": 0.10, "CLAUSE": 0.02},
    "H": {"MIS": 0.10},
}
CONTRACT_MONTHS = {
    "CDD": (3, 12),
    "MIS": (1, 6),
    "SAI": (2, 5),
    "PEC": (9, 12),
    "IAE": (4, 12),
    "CLAUSE": (3, 12),
    "ALT": (12, 24),
}
POSITIONS = {1: 0.55, 2: 0.20, 3: 0.12, 4: 0.07, 5: 0.06}
SIZE_WEIGHTS = {"0": 0.5, "1-9": 1.0, "10-49": 1.5, "50-249": 2.5, "250+": 3.5}
SHIFT_WORDS = {
    "early_morning": "tôt le matin",
    "split_shift": "en coupure",
    "weekend": "le week-end",
    "night": "de nuit",
}


@dataclass(frozen=True)
class CreSeat:
    """A CRE role an offer can be brought through: who, in which organisation, for which pôles."""

    email: str
    organisation: str
    poles: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class EventPlan:
    at: datetime
    kind: str  # "created", then "status" for each change
    from_status: str | None
    to_status: str
    note: str


@dataclass(frozen=True)
class OfferPlan:
    company: int  # index in the company plan
    organisation: str  # organisation key
    cre: str  # e-mail of the CRE who brought the offer and signs its events
    pole: str
    columns: dict[str, object]
    events: tuple[EventPlan, ...]


def plan_offers(
    rng: random.Random,
    context: DemoContext,
    companies: tuple[CompanyPlan, ...],
    seats: tuple[CreSeat, ...],
    count: int,
) -> tuple[OfferPlan, ...]:
    """`count` offers in the sector mix, on companies whose NAF division employs the job."""
    catalogue = available_catalogue(context.rome_codes)
    employers = _employers_by_rome(context, companies)
    plans = []
    for number, sector in enumerate(quota(rng, count, {s: SECTOR_SHARES[s] for s in catalogue}), 1):
        job = pick_weighted(rng, catalogue[sector], [j.weight for j in catalogue[sector]])
        candidates = (
            employers.get(job.rome)
            or [i for i, c in enumerate(companies) if c.sector == sector]
            or list(range(len(companies)))
        )
        index = pick_weighted(
            rng, candidates, [SIZE_WEIGHTS[companies[i].size_band] for i in candidates]
        )
        company = companies[index]
        pole_seats = [s for s in seats if company.place.pole in s.poles]
        seat = pick_weighted(rng, pole_seats, [s.weight for s in pole_seats])
        plans.append(_offer(rng, context.today, number, job, company, index, seat))
    return tuple(plans)


def _employers_by_rome(
    context: DemoContext, companies: tuple[CompanyPlan, ...]
) -> dict[str, list[int]]:
    by_rome: dict[str, list[int]] = {}
    for rome, divisions in context.naf_divisions.items():
        by_rome[rome] = [i for i, c in enumerate(companies) if c.naf_code in divisions]
    return by_rome


def _offer(
    rng: random.Random,
    today: date,
    number: int,
    job: Job,
    company: CompanyPlan,
    index: int,
    seat: CreSeat,
) -> OfferPlan:
    status = pick(rng, STATUS_SHARES)
    events = _history(rng, today, status)
    contract = pick(rng, _contract_shares(job.sector))
    hours = float(
        rng.choice((15, 18, 20, 24) if chance(rng, job.part_time) else (24, 28, 30, 35, 35, 35, 35))
    )
    shifts = {name: chance(rng, getattr(job.shifts, name)) for name in SHIFT_WORDS}
    licence = chance(rng, job.licence)
    positions = pick(rng, POSITIONS)
    start = _start_date(rng, today, status, events[0].at.date())
    title = rng.choice(job.titles)
    columns = {
        "reference": f"O-{today.year}-{number:05d}",
        "title": title,
        "rome_code": job.rome,
        "commune_insee": company.place.insee,
        "contract": contract,
        "hours_per_week": hours,
        **shifts,
        "requires_driving_licence": licence,
        "requires_vehicle": licence and job.licence > 0 and chance(rng, job.vehicle / job.licence),
        "start_date": start,
        "end_date": _end_date(rng, contract, start),
        "positions": positions,
        "positions_filled": _filled(rng, status, positions),
        "immersion_possible": chance(rng, 0.5 if "welcomes_immersion" in company.labels else 0.28),
        "description": _description(company, title, contract, hours, shifts),
        "salary": rng.choice(
            ("SMIC horaire", "SMIC horaire", "Selon convention collective", "SMIC + primes")
        ),
        "visibility": "territory" if chance(rng, 0.85) else "organisation",
        "status": status,
        "published_at": events[1].at if len(events) > 1 else None,
        "created_at": events[0].at,
        "updated_at": events[-1].at,
    }
    return OfferPlan(index, seat.organisation, seat.email, company.place.pole, columns, events)


def _contract_shares(sector: str) -> dict[str, float]:
    shares = dict(CONTRACT_SHARES)
    for contract, extra in SECTOR_CONTRACTS.get(sector, {}).items():
        shares[contract] = shares.get(contract, 0.0) + extra
    return shares


def _history(rng: random.Random, today: date, status: str) -> tuple[EventPlan, ...]:
    """Entered as a draft, then published, then closed: every step dated before today."""
    latest = today - timedelta(days=1)
    low, high = AGE_BY_STATUS[status]
    day = today - timedelta(days=rng.randint(low, high))
    events = [EventPlan(moment(day, rng), "created", None, "draft", "Offre saisie")]
    steps = [] if status == "draft" else [("draft", "open", "Offre publiée", (0, 2))]
    if status in CLOSING_NOTES:
        steps.append(("open", status, CLOSING_NOTES[status], (7, 60)))
    for from_status, to_status, note, (low, high) in steps:
        day = min(day + timedelta(days=rng.randint(low, high)), latest)
        at = max(moment(day, rng), events[-1].at)
        events.append(EventPlan(at, "status", from_status, to_status, note))
    return tuple(events)


def _start_date(rng: random.Random, today: date, status: str, entered: date) -> date:
    if status in ("draft", "open", "suspended"):
        return today + timedelta(days=rng.randint(-14, 45))
    return entered + timedelta(days=rng.randint(10, 45))


def _end_date(rng: random.Random, contract: str, start: date) -> date | None:
    if contract not in CONTRACT_MONTHS:
        return None
    low, high = CONTRACT_MONTHS[contract]
    return start + timedelta(days=30 * rng.randint(low, high))


def _filled(rng: random.Random, status: str, positions: int) -> int:
    if status == "filled":
        return positions
    if status == "open" and positions > 1 and chance(rng, 0.2):
        return rng.randint(1, positions - 1)
    return 0


def _description(
    company: CompanyPlan, title: str, contract: str, hours: float, shifts: dict
) -> str:
    schedule = [SHIFT_WORDS[name] for name, asked in shifts.items() if asked]
    lines = [
        f"{company.name} recrute : {_lower_first(everyday_title(title))} à {company.place.name}.",
        f"Contrat : {CONTRACTS[contract]}, {hours:g} h par semaine.",
        f"Horaires : {', '.join(schedule)}." if schedule else "Horaires de journée.",
        "Débutants acceptés : formation au poste assurée par l'équipe.",
    ]
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
