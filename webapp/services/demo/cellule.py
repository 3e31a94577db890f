"""The demo cellules emploi: one per pôle with its members, past sessions with minutes, a next
session whose agenda is ready, a promotion behind every profile the demo says is proposed,
promoted, in immersion or recently hired (so every step of the pipeline shows), and a few
employment events.

Written with multi-row INSERTs like the rest of the demo; statuses already on the profiles
are left as planned (the records below are made to agree with them)."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select

from webapp.extensions import db
from webapp.models import (
    AgendaItem,
    Cellule,
    CelluleMember,
    CelluleSession,
    Commune,
    Company,
    EmploymentEvent,
    EventInvitation,
    Offer,
    Organisation,
    Pole,
    Profile,
    ProfileProposal,
    ProfileShare,
    Promotion,
    PromotionStep,
    SessionLine,
)
from webapp.models.cellule import cellule_pole
from webapp.models.employment_event import event_company, event_offer
from webapp.services.cellule_calendar import at_local_time, plan_sessions, session_dates
from webapp.services.cellules import territory_staff
from webapp.services.demo.cellule_texts import (
    ACTIONS,
    DECISIONS,
    EVENTS,
    GENERAL_ACTIONS,
    VOUCHING,
    WISHES,
)

ROWS_PER_STATEMENT = 50
PAST_SESSIONS = 4
NEXT_SESSION_PEOPLE = 6
RHYTHM_BY_POLE = {"VII": "monthly", "X": "every_two_months"}  # the others meet twice a month
START = time(9, 30)
WEEKDAY = 1  # Tuesday
HIRED_RECENTLY_DAYS = 50


def _insert(model_or_table, rows: list[dict]) -> list[int]:
    """Multi-row INSERTs; the new ids come back in the rows' order (none for plain tables)."""
    if not rows:
        return []
    options = {"render_nulls": True, "insertmanyvalues_page_size": ROWS_PER_STATEMENT}
    if not hasattr(model_or_table, "id"):
        db.session.execute(insert(model_or_table), rows, execution_options=options)
        return []
    statement = insert(model_or_table).returning(model_or_table.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows, execution_options=options))


@dataclass
class _Territory:
    """One pôle's cellule as it is being written."""

    pole: Pole
    cellule_id: int
    members: list[tuple[int, str]]  # (user id, role)
    past: list[tuple[int, datetime]]  # (session id, moment), oldest first
    next_session: tuple[int, datetime]
    offers: list[tuple[int, int, str]]  # (offer id, company id, ROME code)
    companies: list[int]
    profiles: dict[str, list[Profile]] = field(default_factory=dict)

    def role(self, role: str) -> list[int]:
        return [user_id for user_id, held in self.members if held == role]


@dataclass
class _Rows:
    proposals: list[dict] = field(default_factory=list)
    promotions: list[dict] = field(default_factory=list)
    steps: list[list[dict]] = field(default_factory=list)  # per promotion, in order
    shares: set[tuple[int, int, str]] = field(default_factory=set)
    proposal_lines: list[tuple[int, dict]] = field(default_factory=list)  # (proposal index, line)


def write_demo_cellule(seed: int, today: date) -> None:
    """One cellule per pôle, its sessions, proposals, promotions, minutes and events."""
    rng = random.Random(seed * 11 + 6)
    now = datetime.combine(today, time(12), UTC)
    employer_company = _employer_companies()
    territories = [_territory(pole, today) for pole in db.session.scalars(select(Pole).order_by(Pole.id))]
    rows = _Rows()
    for territory in territories:
        _load_people(territory, today)
        _people_rows(rng, territory, rows, now, employer_company.get(territory.pole.code))
    _write_people(rows)
    for territory in territories:
        _minutes(rng, territory, now)
        _events(rng, territory, today)
    db.session.flush()


def _employer_companies() -> dict[str, int]:
    """The company of each demo employer account, by its pôle code (they get cards at every step)."""
    rows = db.session.execute(select(Organisation.company_id, Pole.code).join(Pole, Pole.id == Organisation.pole_id)
                              .where(Organisation.kind == "employer", Organisation.company_id.is_not(None)))
    return {code: company_id for company_id, code in rows}


def _territory(pole: Pole, today: date) -> _Territory:
    rhythm = RHYTHM_BY_POLE.get(pole.code, "twice_monthly")
    short = pole.name.replace("Pôle d'insertion ", "")
    [cellule_id] = _insert(Cellule, [{
        "name": f"Cellule emploi {short}", "rhythm": rhythm, "weekday": WEEKDAY, "start_time": START,
        "place": f"Locaux du pôle d'insertion {short}", "max_employers_per_profile": 3,
        "max_cards_per_employer_week": 5, "active": True}])
    _insert(cellule_pole, [{"cellule_id": cellule_id, "pole_id": pole.id}])
    members = [(user.id, role) for user, role in territory_staff([pole.id])]
    _insert(CelluleMember, [{"cellule_id": cellule_id, "user_id": u, "role": r} for u, r in members])
    span = {"twice_monthly": 70, "monthly": 130, "every_two_months": 250}[rhythm]
    days = session_dates(rhythm, WEEKDAY, None, today - timedelta(days=span), today - timedelta(days=1))
    days = days[-PAST_SESSIONS:]
    moments = [at_local_time(day, START) for day in days]
    past_ids = _insert(CelluleSession, [{
        "cellule_id": cellule_id, "scheduled_at": moment, "place": f"Locaux du pôle d'insertion {short}",
        "status": "held", "closed_at": moment + timedelta(hours=3), "summary": "", "version": 1}
        for moment in moments])
    cellule = db.session.get(Cellule, cellule_id)
    upcoming = plan_sessions(cellule, today)
    offers = db.session.execute(select(Offer.id, Offer.company_id, Offer.rome_code).where(
        Offer.pole_id == pole.id, Offer.status == "open", Offer.company_id.is_not(None),
        Offer.rome_code.is_not(None)).order_by(Offer.id)).all()
    companies = list(db.session.scalars(select(Company.id).join(Commune).where(
        Company.merged_into_id.is_(None), Commune.pole_id == pole.id).order_by(Company.id)))
    return _Territory(pole, cellule_id, members, list(zip(past_ids, moments, strict=True)),
                      (upcoming[0].id, upcoming[0].scheduled_at), [tuple(o) for o in offers], companies)


def _load_people(territory: _Territory, today: date) -> None:
    profiles = db.session.scalars(select(Profile).where(
        Profile.pole_id == territory.pole.id, Profile.consent_promotion.is_(True),
        Profile.status.in_(("proposed", "promoted", "immersion", "hired"))).order_by(Profile.id)).all()
    recent = today - timedelta(days=HIRED_RECENTLY_DAYS)
    for profile in profiles:
        if profile.status == "hired" and (profile.hired_on is None or profile.hired_on < recent):
            continue  # hired before the cellule's recorded sessions, through other channels
        territory.profiles.setdefault(profile.status, []).append(profile)


def _offer_for(rng: random.Random, territory: _Territory, profile: Profile) -> tuple[int | None, int]:
    """(offer id, company id): an offer in the person's job domain when there is one."""
    domains = {code[:3] for code in profile.target_rome_codes}
    close = [o for o in territory.offers if o[2][:3] in domains]
    if close and rng.random() < 0.8:
        offer_id, company_id, _ = rng.choice(close)
        return offer_id, company_id
    return None, rng.choice(territory.companies or [o[1] for o in territory.offers])


# How far each kind of person went: the steps after "proposed", each with its delay in days.
PATHS: dict[str, tuple[tuple[tuple[str, int], ...], ...]] = {
    "promoted": ((("sent", 2),), (("sent", 2), ("interested", 3)),
                 (("sent", 1), ("interested", 2), ("interview", 5))),
    "immersion": ((("sent", 2), ("interested", 3), ("immersion", 6)),),
    "hired": ((("sent", 2), ("interested", 2), ("interview", 4), ("hired", 0)),
              (("sent", 1), ("interested", 3), ("immersion", 5), ("hired", 0))),
}
CLOSED_PATHS = ((("sent", 2), ("not_interested", 4)), (("sent", 2), ("interested", 2), ("interview", 4), ("not_hired", 3)))
REASONS = {"not_interested": ("filled", "experience", "schedule", "no_hiring", "distance"),
           "not_hired": ("interview", "other_candidate", "declined", "absent")}


def _people_rows(rng: random.Random, territory: _Territory, rows: _Rows, now: datetime,
                 employer_company: int | None) -> None:
    cres = territory.role("cre")
    if not cres:
        return
    proposed = territory.profiles.get("proposed", [])
    waiting, assigned = proposed[:NEXT_SESSION_PEOPLE], proposed[NEXT_SESSION_PEOPLE:]
    for profile in waiting:
        _proposal(rng, territory, rows, profile, territory.next_session, None, now)
    for index, profile in enumerate(assigned):
        session = territory.past[index % len(territory.past)]
        cre = cres[index % len(cres)]
        _proposal(rng, territory, rows, profile, session, cre, now)
        if index % 7 == 0:  # a card in preparation, not sent yet
            _promotion(rng, territory, rows, profile, cre, session[1], (), now, None)
    to_employer = 0
    for status in ("promoted", "immersion", "hired"):
        for index, profile in enumerate(territory.profiles.get(status, [])):
            # the hired were put forward at the oldest session, well before they started work
            session = territory.past[0 if status == "hired" else index % max(len(territory.past) - 1, 1)]
            cre = cres[index % len(cres)]
            proposal_status = "done" if status == "hired" else "assigned"
            _proposal(rng, territory, rows, profile, session, cre, now, proposal_status)
            company = employer_company if employer_company and to_employer < 8 and index % 3 == 0 else None
            to_employer += company is not None
            path = PATHS[status][index % len(PATHS[status])]
            _promotion(rng, territory, rows, profile, cre, session[1], path, now, company)
            if index % 4 == 0:  # an earlier card that did not work out
                _promotion(rng, territory, rows, profile, cre, session[1], CLOSED_PATHS[(index // 4) % 2], now, None)


def _proposal(rng, territory, rows, profile, session, cre, now, status=None) -> None:
    session_id, moment = session
    status = status or ("assigned" if cre else "pending")
    created = min(moment, now) - timedelta(days=rng.randint(2, 9))
    rows.proposals.append({
        "profile_id": profile.id, "cellule_id": territory.cellule_id, "session_id": session_id,
        "ae_id": profile.ae_id, "wishes": rng.choice(WISHES), "vouching": rng.choice(VOUCHING),
        "status": status, "assigned_cre_id": cre, "assigned_at": moment if cre else None,
        "assigned_by_id": (territory.role("animateur") or [None])[0] if cre else None,
        "closed_at": now - timedelta(days=1) if status == "done" else None,
        "created_at": created, "updated_at": created, "version": 1})
    for user_id in territory.role("cre"):
        rows.shares.add((profile.id, user_id, "cellule"))
    if cre:
        rows.shares.add((profile.id, cre, "promotion"))
        if rng.random() < 0.6:
            rows.proposal_lines.append((len(rows.proposals) - 1, {
                "kind": "decision", "text": rng.choice(DECISIONS), "owner_id": None, "due_on": None,
                "author_id": (territory.role("animateur") or [cre])[0], "created_at": moment}))


def _promotion(rng, territory, rows, profile, cre, start, path, now, company) -> None:
    offer_id, company_id = (None, company) if company else _offer_for(rng, territory, profile)
    at = start + timedelta(hours=4)
    steps = [{"kind": "proposed", "at": at, "by_id": cre, "via": "platform", "reason": "", "note": "",
              "on": None, "details": {}}]
    for kind, delay in path:
        at = min(at + timedelta(days=delay or 3, hours=rng.randint(1, 6)), now - timedelta(hours=1))
        steps.append(_step(rng, kind, at, cre, profile))
    status = steps[-1]["kind"]
    sent_at = next((s["at"] for s in steps if s["kind"] == "sent"), None)
    rows.promotions.append({
        "profile_id": profile.id, "company_id": company_id, "offer_id": offer_id, "cre_id": cre,
        "cellule_id": territory.cellule_id, "proposal_id": None, "status": status, "card": None,
        "vouching": rows.proposals[-1]["vouching"], "sent_at": sent_at,
        "closed_at": steps[-1]["at"] if status in ("not_interested", "hired", "not_hired") else None,
        "created_at": steps[0]["at"], "updated_at": steps[-1]["at"], "version": len(steps)})
    rows.steps.append(steps)
    rows.shares.add((profile.id, cre, "promotion"))


def _step(rng, kind: str, at: datetime, cre: int, profile: Profile) -> dict:
    step = {"kind": kind, "at": at, "by_id": cre, "via": "platform", "reason": "", "note": "", "on": None,
            "details": {}}
    if kind == "interested":
        step.update(via=rng.choice(("platform", "phone")), on=(at + timedelta(days=5)).date(),
                    details={"meeting": rng.choice(("interview", "interview", "immersion"))})
    elif kind in ("interview", "immersion"):
        step["on"] = at.date()
    elif kind == "hired":
        step.update(on=profile.hired_on, details={"contract": profile.hired_contract or "CDD",
                                                  "hours_per_week": float(profile.max_hours_per_week or 35)})
    elif kind in REASONS:
        step["reason"] = rng.choice(REASONS[kind])
    return step


def _write_people(rows: _Rows) -> None:
    proposal_ids = _insert(ProfileProposal, rows.proposals)
    by_profile = {row["profile_id"]: pid for row, pid in zip(rows.proposals, proposal_ids, strict=True)}
    for promotion in rows.promotions:
        promotion["proposal_id"] = by_profile.get(promotion["profile_id"])
    promotion_ids = _insert(Promotion, rows.promotions)
    _insert(PromotionStep, [{**step, "promotion_id": pid}
                            for pid, steps in zip(promotion_ids, rows.steps, strict=True) for step in steps])
    _insert(ProfileShare, [{"profile_id": p, "user_id": u, "reason": r, "since": datetime.now(UTC),
                            "granted_by_id": None} for p, u, r in sorted(rows.shares)])
    _insert(SessionLine, [{**line, "proposal_id": proposal_ids[index],
                           "session_id": rows.proposals[index]["session_id"], "done_at": None}
                          for index, line in rows.proposal_lines])


def _minutes(rng: random.Random, territory: _Territory, now: datetime) -> None:
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
            done = moment + timedelta(days=rng.randint(2, 12)) if number < len(territory.past) - 1 and index else None
            lines.append({"session_id": session_id, "kind": "action", "text": rng.choice(ACTIONS),
                          "owner_id": owner, "due_on": due, "author_id": animateur, "created_at": moment,
                          "done_at": min(done, now) if done else None, "done_by_id": owner if done else None})
        lines.append({"session_id": session_id, "kind": "action", "text": rng.choice(GENERAL_ACTIONS),
                      "owner_id": animateur or owners[0], "due_on": (moment + timedelta(days=10)).date(),
                      "author_id": animateur, "created_at": moment, "done_at": None, "done_by_id": None})
    _insert(SessionLine, lines)
    _insert(AgendaItem, [{"session_id": territory.next_session[0], "key": "free:forum", "section": "events",
                          "title": "Bilan du dernier forum et préparation du prochain", "note": "",
                          "position": None, "updated_by_id": animateur, "version": 1}])


def _events(rng: random.Random, territory: _Territory, today: date) -> None:
    organiser = db.session.scalar(select(Organisation.id).where(
        Organisation.kind == "departement_pole", Organisation.pole_id == territory.pole.id))
    commune = db.session.scalar(select(Commune.insee).where(Commune.pole_id == territory.pole.id)
                                .order_by(Commune.population.desc()).limit(1))
    if organiser is None or commune is None:
        return
    chosen = rng.sample(EVENTS, 2)
    event_ids = _insert(EmploymentEvent, [{
        "kind": kind, "title": title, "on": today + timedelta(days=rng.randint(6, 50)), "start_time": time(9),
        "commune_insee": commune, "address": "", "pole_id": territory.pole.id, "sector": sector,
        "description": "", "organisation_id": organiser, "created_by_id": None, "version": 1}
        for kind, title, sector in chosen])
    for event_id in event_ids:
        companies = rng.sample(territory.companies, min(3, len(territory.companies)))
        _insert(event_company, [{"event_id": event_id, "company_id": c} for c in companies])
        offers = [o[0] for o in territory.offers if o[1] in companies][:3]
        _insert(event_offer, [{"event_id": event_id, "offer_id": o} for o in offers])
        people = {p.id: p for group in territory.profiles.values() for p in group if p.status != "hired"}
        invited = sorted(people)[:4]
        _insert(EventInvitation, [{"event_id": event_id, "profile_id": p, "invited_by_id": people[p].ae_id,
                                   "at": datetime.now(UTC)} for p in invited])

