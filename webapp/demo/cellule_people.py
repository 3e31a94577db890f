"""The people of the demo cellules: a proposal behind every profile the demo says is proposed,
promoted, in immersion or recently hired, and a promotion at the step their status implies."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert

from webapp.cellule.models import ProfileProposal, SessionLine
from webapp.core import clock
from webapp.demo.cellule_texts import DECISIONS, VOUCHING, WISHES
from webapp.extensions import db
from webapp.profiles.models import Profile, ProfileShare
from webapp.promotions.models import Promotion, PromotionStep
from webapp.reference.models import Pole

ROWS_PER_STATEMENT = 50
NEXT_SESSION_PEOPLE = 6


def insert_rows(model_or_table, rows: list[dict]) -> list[int]:
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
class Territory:
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
class Rows:
    proposals: list[dict] = field(default_factory=list)
    promotions: list[dict] = field(default_factory=list)
    steps: list[list[dict]] = field(default_factory=list)  # per promotion, in order
    shares: set[tuple[int, int, str]] = field(default_factory=set)
    proposal_lines: list[tuple[int, dict]] = field(default_factory=list)  # (proposal index, line)


def _offer_for(
    rng: random.Random, territory: Territory, profile: Profile
) -> tuple[int | None, int]:
    """(offer id, company id): an offer in the person's job domain when there is one."""
    domains = {code[:3] for code in profile.target_rome_codes}
    close = [o for o in territory.offers if o[2][:3] in domains]
    if close and rng.random() < 0.8:
        offer_id, company_id, _ = rng.choice(close)
        return offer_id, company_id
    return None, rng.choice(territory.companies or [o[1] for o in territory.offers])


# How far each kind of person went: the steps after "proposed", each with its delay in days.
PATHS: dict[str, tuple[tuple[tuple[str, int], ...], ...]] = {
    "promoted": (
        (("sent", 2),),
        (("sent", 2), ("interested", 3)),
        (("sent", 1), ("interested", 2), ("interview", 5)),
    ),
    "immersion": ((("sent", 2), ("interested", 3), ("immersion", 6)),),
    "hired": (
        (("sent", 2), ("interested", 2), ("interview", 4), ("hired", 0)),
        (("sent", 1), ("interested", 3), ("immersion", 5), ("hired", 0)),
    ),
}
CLOSED_PATHS = (
    (("sent", 2), ("not_interested", 4)),
    (("sent", 2), ("interested", 2), ("interview", 4), ("not_hired", 3)),
)
REASONS = {
    "not_interested": ("filled", "experience", "schedule", "no_hiring", "distance"),
    "not_hired": ("interview", "other_candidate", "declined", "absent"),
}


def people_rows(
    rng: random.Random,
    territory: Territory,
    rows: Rows,
    now: datetime,
    employer_company: int | None,
) -> None:
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
            session = territory.past[
                0 if status == "hired" else index % max(len(territory.past) - 1, 1)
            ]
            cre = cres[index % len(cres)]
            proposal_status = "done" if status == "hired" else "assigned"
            _proposal(rng, territory, rows, profile, session, cre, now, proposal_status)
            company = (
                employer_company
                if employer_company and to_employer < 8 and index % 3 == 0
                else None
            )
            to_employer += company is not None
            path = PATHS[status][index % len(PATHS[status])]
            _promotion(rng, territory, rows, profile, cre, session[1], path, now, company)
            if index % 4 == 0:  # an earlier card that did not work out
                _promotion(
                    rng,
                    territory,
                    rows,
                    profile,
                    cre,
                    session[1],
                    CLOSED_PATHS[(index // 4) % 2],
                    now,
                    None,
                )


def _proposal(rng, territory, rows, profile, session, cre, now, status=None) -> None:
    session_id, moment = session
    status = status or ("assigned" if cre else "pending")
    created = min(moment, now) - timedelta(days=rng.randint(2, 9))
    rows.proposals.append(
        {
            "profile_id": profile.id,
            "cellule_id": territory.cellule_id,
            "session_id": session_id,
            "ae_id": profile.ae_id,
            "wishes": rng.choice(WISHES),
            "vouching": rng.choice(VOUCHING),
            "status": status,
            "assigned_cre_id": cre,
            "assigned_at": moment if cre else None,
            "assigned_by_id": (territory.role("animateur") or [None])[0] if cre else None,
            "closed_at": now - timedelta(days=1) if status == "done" else None,
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }
    )
    for user_id in territory.role("cre") + territory.role("animateur"):  # the cellule's readers
        rows.shares.add((profile.id, user_id, "cellule"))
    if cre:
        rows.shares.add((profile.id, cre, "promotion"))
        if rng.random() < 0.6:
            rows.proposal_lines.append(
                (
                    len(rows.proposals) - 1,
                    {
                        "kind": "decision",
                        "text": rng.choice(DECISIONS),
                        "owner_id": None,
                        "due_on": None,
                        "author_id": (territory.role("animateur") or [cre])[0],
                        "created_at": moment,
                    },
                )
            )


def _promotion(rng, territory, rows, profile, cre, start, path, now, company) -> None:
    offer_id, company_id = (None, company) if company else _offer_for(rng, territory, profile)
    at = start + timedelta(hours=4)
    steps = [
        {
            "kind": "proposed",
            "at": at,
            "by_id": cre,
            "via": "platform",
            "reason": "",
            "note": "",
            "on": None,
            "details": {},
        }
    ]
    for kind, delay in path:
        at = min(at + timedelta(days=delay or 3, hours=rng.randint(1, 6)), now - timedelta(hours=1))
        steps.append(_step(rng, kind, at, cre, profile))
    status = steps[-1]["kind"]
    sent_at = next((s["at"] for s in steps if s["kind"] == "sent"), None)
    rows.promotions.append(
        {
            "profile_id": profile.id,
            "company_id": company_id,
            "offer_id": offer_id,
            "cre_id": cre,
            "cellule_id": territory.cellule_id,
            "proposal_id": None,
            "status": status,
            "card": None,
            "vouching": rows.proposals[-1]["vouching"],
            "sent_at": sent_at,
            "closed_at": steps[-1]["at"]
            if status in ("not_interested", "hired", "not_hired")
            else None,
            "created_at": steps[0]["at"],
            "updated_at": steps[-1]["at"],
            "version": len(steps),
        }
    )
    rows.steps.append(steps)
    rows.shares.add((profile.id, cre, "promotion"))


def _step(rng, kind: str, at: datetime, cre: int, profile: Profile) -> dict:
    step = {
        "kind": kind,
        "at": at,
        "by_id": cre,
        "via": "platform",
        "reason": "",
        "note": "",
        "on": None,
        "details": {},
    }
    if kind == "interested":
        step.update(
            via=rng.choice(("platform", "phone")),
            on=(at + timedelta(days=5)).date(),
            details={"meeting": rng.choice(("interview", "interview", "immersion"))},
        )
    elif kind in ("interview", "immersion"):
        step["on"] = at.date()
    elif kind == "hired":
        step.update(
            on=profile.hired_on,
            details={
                "contract": profile.hired_contract or "CDD",
                "hours_per_week": float(profile.max_hours_per_week or 35),
            },
        )
    elif kind in REASONS:
        step["reason"] = rng.choice(REASONS[kind])
    return step


def write_people(rows: Rows) -> None:
    proposal_ids = insert_rows(ProfileProposal, rows.proposals)
    by_profile = {
        row["profile_id"]: pid for row, pid in zip(rows.proposals, proposal_ids, strict=True)
    }
    for promotion in rows.promotions:
        promotion["proposal_id"] = by_profile.get(promotion["profile_id"])
    promotion_ids = insert_rows(Promotion, rows.promotions)
    insert_rows(
        PromotionStep,
        [
            {**step, "promotion_id": pid}
            for pid, steps in zip(promotion_ids, rows.steps, strict=True)
            for step in steps
        ],
    )
    insert_rows(
        ProfileShare,
        [
            {
                "profile_id": p,
                "user_id": u,
                "reason": r,
                "since": clock.now(),
                "granted_by_id": None,
            }
            for p, u, r in sorted(rows.shares)
        ],
    )
    insert_rows(
        SessionLine,
        [
            {
                **line,
                "proposal_id": proposal_ids[index],
                "session_id": rows.proposals[index]["session_id"],
                "done_at": None,
            }
            for index, line in rows.proposal_lines
        ],
    )
