"""The demo immersions: every stage and outcome, every rule kept, the demo accounts served."""

from collections import defaultdict
from datetime import datetime
from itertools import pairwise

from sqlalchemy import select

from tests.demo.test_demo import TODAY, demo  # noqa: F401  (the demo, loaded once for the module)
from webapp.accounts.home import home_cards
from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.demo.immersions import write_demo_immersions
from webapp.demo.people import demo_email
from webapp.extensions import db
from webapp.immersions.models import IMMERSION_OUTCOMES, IMMERSION_STATUSES, Immersion
from webapp.immersions.rules import MAX_HOURS_PER_WEEK, MAX_PRESENCE_DAYS
from webapp.immersions.schedule import WeeklySchedule
from webapp.promotions.models import PromotionStep


def _immersions() -> list[Immersion]:
    return list(db.session.scalars(select(Immersion).order_by(Immersion.id)))


def test_every_stage_and_every_outcome_is_there(demo):  # noqa: F811
    immersions = _immersions()
    assert {i.status for i in immersions} == set(IMMERSION_STATUSES)
    assert {i.assessment.outcome for i in immersions if i.assessment} == set(IMMERSION_OUTCOMES)
    assert any(i.status == "done" and i.assessment is None for i in immersions)


def test_every_demo_immersion_keeps_the_rules_and_is_signed(demo):  # noqa: F811
    by_person = defaultdict(list)
    for immersion in _immersions():
        schedule = WeeklySchedule.from_json(immersion.schedule)
        assert len(schedule.presence_days(immersion.start_date, immersion.end_date)) <= MAX_PRESENCE_DAYS
        assert schedule.hours_per_week <= MAX_HOURS_PER_WEEK
        assert immersion.company.merged_into_id is None
        moments = [step.at for step in immersion.steps]
        assert moments == sorted(moments) and all(step.user_id and step.signed_as for step in immersion.steps)
        assert immersion.steps[-1].to_status == immersion.status
        if immersion.status != "cancelled":
            by_person[immersion.profile_id].append((immersion.start_date, immersion.end_date))
    for periods in by_person.values():
        periods.sort()
        assert all(end < start for (_, end), (start, _) in pairwise(periods))


def test_a_cards_immersion_sits_at_the_cards_company_on_its_date(demo):  # noqa: F811
    linked = [i for i in _immersions() if i.promotion_id]
    assert len(linked) > 50
    for immersion in linked:
        assert immersion.company_id == immersion.promotion.company_id
        step = db.session.scalar(select(PromotionStep).where(
            PromotionStep.promotion_id == immersion.promotion_id, PromotionStep.kind == "immersion"))
        assert immersion.start_date <= step.on <= immersion.end_date


def test_the_demo_accounts_have_something_to_follow(demo):  # noqa: F811
    employer = db.session.scalar(select(User).where(User.email == demo_email("employeur")))
    company = db.session.get(Company, employer.memberships[0].organisation.company_id)
    assert company.welcomes_immersion
    hosted = {i.status for i in _immersions() if i.company_id == company.id}
    assert {"proposed", "accepted", "under_way", "done"} <= hosted
    ae = db.session.scalar(select(User).where(User.email == demo_email("ae")))
    now = datetime.combine(TODAY, datetime.min.time())
    cards = {card.title: card.value for card in home_cards(ae, now)}
    assert cards["Immersions qui se terminent cette semaine"] >= 1
    assert cards["Bilans d'immersion à faire"] >= 2
    hired = [i for i in _immersions() if i.assessment and i.assessment.outcome == "hired" and not i.promotion_id]
    assert hired and all(i.profile.status == "hired" for i in hired)


def test_loading_again_adds_no_immersion(demo):  # noqa: F811
    before = len(_immersions())
    assert write_demo_immersions(2026, TODAY) == 0
    assert len(_immersions()) == before
