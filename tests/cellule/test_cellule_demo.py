"""The demo's cellules: one per pôle, past sessions with minutes, a next session whose agenda is
ready, promotions at every step that agree with the profiles' statuses."""

from datetime import time

from sqlalchemy import func, select

from tests.demo.test_demo import TODAY, demo  # noqa: F401  (the demo, loaded once here too)
from webapp.accounts.models import User
from webapp.cellule.agenda import build_agenda
from webapp.cellule.calendar import at_local_time, next_session
from webapp.cellule.models import Cellule, CelluleSession, ProfileProposal, SessionLine
from webapp.cellule.proposals import forwardable_profiles
from webapp.companies.accounts import employer_organisation
from webapp.events.models import EmploymentEvent
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.promotions.models import CLOSED_STEPS, Promotion
from webapp.reference.models import Pole


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_a_cellule_per_pole_with_minutes_and_a_ready_agenda(demo):  # noqa: F811
    assert _count(Cellule) == _count(Pole) == 10
    now = at_local_time(TODAY, time(12))
    animateur = db.session.scalar(select(User).where(User.email == "animateur@demo.passerelle.fr"))
    for cellule in db.session.scalars(select(Cellule)):
        held = db.session.scalars(
            select(CelluleSession).where(
                CelluleSession.cellule_id == cellule.id, CelluleSession.status == "held"
            )
        ).all()
        assert held and all(_count(SessionLine, SessionLine.session_id == s.id) for s in held), (
            cellule.name
        )
        upcoming = next_session(cellule, now)
        assert _count(ProfileProposal, ProfileProposal.session_id == upcoming.id) > 0, cellule.name
    first = db.session.scalar(select(Cellule).order_by(Cellule.id))
    agenda = build_agenda(next_session(first, now), animateur)
    assert {s.key for s in agenda.sections if s.entries} >= {"proposals", "follow_up", "events"}
    people = next(s for s in agenda.sections if s.key == "proposals").entries
    assert all(entry.profile_id for entry in people)  # the animateur reads their names


def test_promotions_at_every_step_agree_with_the_profiles(demo):  # noqa: F811
    statuses = dict(
        db.session.execute(select(Promotion.status, func.count()).group_by(Promotion.status)).all()
    )
    assert set(statuses) >= {
        "proposed",
        "sent",
        "interested",
        "interview",
        "immersion",
        "hired",
        "not_interested",
        "not_hired",
    }
    promoted = db.session.scalars(select(Profile.id).where(Profile.status == "promoted")).all()
    with_open_card = set(
        db.session.scalars(
            select(Promotion.profile_id).where(
                Promotion.sent_at.is_not(None), Promotion.status.not_in(CLOSED_STEPS)
            )
        )
    )
    assert set(promoted) <= with_open_card
    hired = db.session.scalars(select(Promotion).where(Promotion.status == "hired")).all()
    assert all(p.profile.status == "hired" and p.steps[-1].on == p.profile.hired_on for p in hired)
    assert _count(EmploymentEvent) == 20


def test_the_demo_accounts_can_run_the_loop(demo):  # noqa: F811
    ae = db.session.scalar(select(User).where(User.email == "ae@demo.passerelle.fr"))
    assert len(forwardable_profiles(ae)) >= 10
    employer = db.session.scalar(select(User).where(User.email == "employeur@demo.passerelle.fr"))
    company_id = employer_organisation(employer).company_id
    cards = dict(
        db.session.execute(
            select(Promotion.status, func.count())
            .where(Promotion.company_id == company_id, Promotion.sent_at.is_not(None))
            .group_by(Promotion.status)
        ).all()
    )
    assert sum(cards.values()) >= 3 and len(cards) >= 2
