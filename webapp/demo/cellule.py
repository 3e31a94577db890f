"""The demo cellules emploi: one per pôle with its members, past sessions with minutes, a next
session whose agenda is ready, a promotion behind every profile the demo says is proposed,
promoted, in immersion or recently hired (so every step of the pipeline shows), and a few
employment events.

Written with multi-row INSERTs like the rest of the demo; statuses already on the profiles
are left as planned (the records below are made to agree with them)."""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.cellule.calendar import at_local_time, plan_sessions, session_dates
from webapp.cellule.cellules import territory_staff
from webapp.cellule.models import (
    AgendaItem,
    Cellule,
    CelluleMember,
    CelluleSession,
    SessionLine,
    cellule_pole,
)
from webapp.companies.models import Company
from webapp.core import clock
from webapp.demo.cellule_people import Rows, Territory, insert_rows, people_rows, write_people
from webapp.demo.cellule_texts import ACTIONS, EVENTS, GENERAL_ACTIONS
from webapp.events.models import EmploymentEvent, EventInvitation, event_company, event_offer
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.reference.models import Commune, Pole

PAST_SESSIONS = 4
RHYTHM_BY_POLE = {"VII": "monthly", "X": "every_two_months"}  # the others meet twice a month
START = time(9, 30)
WEEKDAY = 1  # Tuesday
HIRED_RECENTLY_DAYS = 50


def write_demo_cellule(seed: int, today: date) -> None:
    """One cellule per pôle, its sessions, proposals, promotions, minutes and events."""
    rng = random.Random(seed * 11 + 6)
    now = datetime.combine(today, time(12), UTC)
    employer_company = _employer_companies()
    territories = [
        _territory(pole, today) for pole in db.session.scalars(select(Pole).order_by(Pole.id))
    ]
    rows = Rows()
    for territory in territories:
        _load_people(territory, today)
        people_rows(rng, territory, rows, now, employer_company.get(territory.pole.code))
    write_people(rows)
    for territory in territories:
        _minutes(rng, territory, now)
        _events(rng, territory, today)
    db.session.flush()


def _employer_companies() -> dict[str, int]:
    """The company of each demo employer account, by its pôle code (they get cards at every step)."""
    rows = db.session.execute(
        select(Organisation.company_id, Pole.code)
        .join(Pole, Pole.id == Organisation.pole_id)
        .where(Organisation.kind == "employer", Organisation.company_id.is_not(None))
    )
    return {code: company_id for company_id, code in rows}


def _territory(pole: Pole, today: date) -> Territory:
    rhythm = RHYTHM_BY_POLE.get(pole.code, "twice_monthly")
    short = pole.name.replace("Pôle d'insertion ", "")
    [cellule_id] = insert_rows(
        Cellule,
        [
            {
                "name": f"Cellule emploi {short}",
                "rhythm": rhythm,
                "weekday": WEEKDAY,
                "start_time": START,
                "place": f"Locaux du pôle d'insertion {short}",
                "max_employers_per_profile": 3,
                "max_cards_per_employer_week": 5,
                "active": True,
            }
        ],
    )
    insert_rows(cellule_pole, [{"cellule_id": cellule_id, "pole_id": pole.id}])
    members = [(user.id, role) for user, role in territory_staff([pole.id])]
    insert_rows(
        CelluleMember, [{"cellule_id": cellule_id, "user_id": u, "role": r} for u, r in members]
    )
    span = {"twice_monthly": 70, "monthly": 130, "every_two_months": 250}[rhythm]
    days = session_dates(
        rhythm, WEEKDAY, None, today - timedelta(days=span), today - timedelta(days=1)
    )
    days = days[-PAST_SESSIONS:]
    moments = [at_local_time(day, START) for day in days]
    past_ids = insert_rows(
        CelluleSession,
        [
            {
                "cellule_id": cellule_id,
                "scheduled_at": moment,
                "place": f"Locaux du pôle d'insertion {short}",
                "status": "held",
                "closed_at": moment + timedelta(hours=3),
                "summary": "",
                "version": 1,
            }
            for moment in moments
        ],
    )
    cellule = db.session.get(Cellule, cellule_id)
    upcoming = plan_sessions(cellule, today)
    offers = db.session.execute(
        select(Offer.id, Offer.company_id, Offer.rome_code)
        .where(
            Offer.pole_id == pole.id,
            Offer.status == "open",
            Offer.company_id.is_not(None),
            Offer.rome_code.is_not(None),
        )
        .order_by(Offer.id)
    ).all()
    companies = list(
        db.session.scalars(
            select(Company.id)
            .join(Commune)
            .where(Company.merged_into_id.is_(None), Commune.pole_id == pole.id)
            .order_by(Company.id)
        )
    )
    return Territory(
        pole,
        cellule_id,
        members,
        list(zip(past_ids, moments, strict=True)),
        (upcoming[0].id, upcoming[0].scheduled_at),
        [tuple(o) for o in offers],
        companies,
    )


def _load_people(territory: Territory, today: date) -> None:
    profiles = db.session.scalars(
        select(Profile)
        .where(
            Profile.pole_id == territory.pole.id,
            Profile.consent_promotion.is_(True),
            Profile.status.in_(("proposed", "promoted", "immersion", "hired")),
        )
        .order_by(Profile.id)
    ).all()
    recent = today - timedelta(days=HIRED_RECENTLY_DAYS)
    for profile in profiles:
        if profile.status == "hired" and (profile.hired_on is None or profile.hired_on < recent):
            continue  # hired before the cellule's recorded sessions, through other channels
        territory.profiles.setdefault(profile.status, []).append(profile)


def _minutes(rng: random.Random, territory: Territory, now: datetime) -> None:
    """Actions and decisions in the past sessions (some done), a note on the next agenda."""
    owners = territory.role("cre") + territory.role("ae")
    animateur = (territory.role("animateur") or owners or [None])[0]
    if not owners:
        return
    lines = []
    for number, (session_id, moment) in enumerate(territory.past):
        for index in range(3):
            owner = owners[(number + index) % len(owners)]
            due = (moment + timedelta(days=14)).date()
            done = (
                moment + timedelta(days=rng.randint(2, 12))
                if number < len(territory.past) - 1 and index
                else None
            )
            lines.append(
                {
                    "session_id": session_id,
                    "kind": "action",
                    "text": rng.choice(ACTIONS),
                    "owner_id": owner,
                    "due_on": due,
                    "author_id": animateur,
                    "created_at": moment,
                    "done_at": min(done, now) if done else None,
                    "done_by_id": owner if done else None,
                }
            )
        lines.append(
            {
                "session_id": session_id,
                "kind": "action",
                "text": rng.choice(GENERAL_ACTIONS),
                "owner_id": animateur or owners[0],
                "due_on": (moment + timedelta(days=10)).date(),
                "author_id": animateur,
                "created_at": moment,
                "done_at": None,
                "done_by_id": None,
            }
        )
    insert_rows(SessionLine, lines)
    insert_rows(
        AgendaItem,
        [
            {
                "session_id": territory.next_session[0],
                "key": "free:forum",
                "section": "events",
                "title": "Bilan du dernier forum et préparation du prochain",
                "note": "",
                "position": None,
                "updated_by_id": animateur,
                "version": 1,
            }
        ],
    )


def _events(rng: random.Random, territory: Territory, today: date) -> None:
    organiser = db.session.scalar(
        select(Organisation.id).where(
            Organisation.kind == "departement_pole", Organisation.pole_id == territory.pole.id
        )
    )
    commune = db.session.scalar(
        select(Commune.insee)
        .where(Commune.pole_id == territory.pole.id)
        .order_by(Commune.population.desc())
        .limit(1)
    )
    if organiser is None or commune is None:
        return
    chosen = rng.sample(EVENTS, 2)
    event_ids = insert_rows(
        EmploymentEvent,
        [
            {
                "kind": kind,
                "title": title,
                "on": today + timedelta(days=rng.randint(6, 50)),
                "start_time": time(9),
                "commune_insee": commune,
                "address": "",
                "pole_id": territory.pole.id,
                "sector": sector,
                "description": "",
                "organisation_id": organiser,
                "created_by_id": None,
                "version": 1,
            }
            for kind, title, sector in chosen
        ],
    )
    for event_id in event_ids:
        companies = rng.sample(territory.companies, min(3, len(territory.companies)))
        insert_rows(event_company, [{"event_id": event_id, "company_id": c} for c in companies])
        offers = [o[0] for o in territory.offers if o[1] in companies][:3]
        insert_rows(event_offer, [{"event_id": event_id, "offer_id": o} for o in offers])
        people = {
            p.id: p for group in territory.profiles.values() for p in group if p.status != "hired"
        }
        invited = sorted(people)[:4]
        insert_rows(
            EventInvitation,
            [
                {
                    "event_id": event_id,
                    "profile_id": p,
                    "invited_by_id": people[p].ae_id,
                    "at": clock.now(),
                }
                for p in invited
            ],
        )
