"""People, promotion and back-to-work indicators on small hand-made data whose answer is known."""

from datetime import UTC, date, datetime, timedelta
from itertools import count

from tests import factories
from tests.dashboard.test_indicators_offers import (
    IN_OCTOBER,
    IN_SEPTEMBER,
    compute,
    headlines,
    rows,
)
from webapp.cellule.models import Cellule, CelluleSession, ProfileProposal
from webapp.extensions import db
from webapp.promotions.models import Promotion, PromotionStep

_cellules = count(1)


def _cellule_session():
    cellule = Cellule(name=f"Cellule {next(_cellules)}")
    session = CelluleSession(cellule=cellule, scheduled_at=IN_SEPTEMBER)
    db.session.add_all([cellule, session])
    db.session.flush()
    return session


def put_forward(person, at: datetime, session=None):
    """`person` put forward to a cellule at `at`."""
    session = session or _cellule_session()
    proposal = ProfileProposal(profile_id=person.id, cellule_id=session.cellule_id, session_id=session.id,
                               created_at=at)
    db.session.add(proposal)
    db.session.flush()
    return proposal


def promote(person, cre, firm, started: datetime, steps: tuple = (), offer=None):
    """A promotion started at `started`, then each (kind, days after start, values) step."""
    promotion = Promotion(profile_id=person.id, company_id=firm.id, cre_id=cre.id, created_at=started,
                          offer_id=offer.id if offer else None, status="proposed")
    db.session.add(promotion)
    db.session.flush()
    db.session.add(PromotionStep(promotion_id=promotion.id, kind="proposed", at=started))
    for kind, days, values in steps:
        at = started + timedelta(days=days)
        db.session.add(PromotionStep(promotion_id=promotion.id, kind=kind, at=at, **values))
        promotion.status = kind
        if kind == "sent":
            promotion.sent_at = at
    db.session.flush()
    return promotion


def _world():
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    return ft, plie, factories.user((ft, "cre")), factories.company()


def test_people_at_each_stage_of_the_period_with_small_counts_masked(database):
    ft, plie, cre, firm = _world()
    for number in range(6):
        person = factories.profile(ft, job_ready=True, job_ready_since=date(2026, 10, 2 + number))
        put_forward(person, IN_OCTOBER)
        if number < 5:
            promote(person, cre, firm, IN_OCTOBER, (("sent", 1, {}),))
    for _ in range(7):
        factories.profile(ft, status="hired", hired_contract="CDI", hired_on=date(2026, 10, 20))
    factories.profile(plie, status="hired", hired_contract="CDI", hired_on=date(2026, 10, 21))
    factories.profile(ft, status="hired", hired_contract="CDI", hired_on=date(2026, 9, 20))  # before

    result = compute("people.stages", pole_id=factories.pole("I").id)
    table = rows(result)
    assert table["Devenues prêtes à l'emploi"] == ("6", "0")
    assert table["Proposées en cellule emploi"] == ("6", "0")
    assert table["Promues auprès d'un employeur"] == ("5", "0")
    assert table["Embauchées"] == ("8", "< 5")
    # The PLIE's single hire is masked, and so is France Travail's 7 (8 - 7 would give it).
    plie_view = rows(compute("people.stages", organisation_id=plie.id))
    assert plie_view["Embauchées"][0] == "< 5"
    assert rows(compute("people.stages", organisation_id=ft.id))["Embauchées"][0] == "n.c."
    assert result.has_masked


def test_people_ready_today_by_where_they_stand(database):
    ft, _, _, _ = _world()
    for status, people in (("accompaniment", 6), ("proposed", 5), ("promoted", 2)):
        for _ in range(people):
            factories.profile(ft, job_ready=True, status=status)
    factories.profile(ft, job_ready=False)
    factories.profile(ft, job_ready=True, status="hired", hired_contract="CDI", hired_on=date(2026, 10, 1))
    result = compute("people.ready")
    assert rows(result)["Pas encore proposées en cellule"] == ("6",)
    assert rows(result)["En promotion"] == ("< 5",)
    assert rows(result)["Proposé à la cellule"] == ("n.c.",)  # 13 - 6 - 5 would give the 2 away
    assert rows(result)["Total"] == ("13",)


def test_the_promotion_funnel_counts_each_step_reached_with_its_conversion(database):
    ft, _, cre, firm = _world()
    people = [factories.profile(ft) for _ in range(25)]
    journeys = (
        [()] * 5  # prepared, never sent
        + [(("sent", 1, {}), ("not_interested", 3, {"reason": "schedule"}))] * 6
        + [(("sent", 1, {}), ("interested", 2, {}), ("not_hired", 9, {"reason": "declined"}))] * 5
        + [(("sent", 1, {}), ("interested", 2, {}), ("interview", 5, {}),
            ("hired", 9, {"details": {"contract": "CDI", "hours_per_week": 35}}))] * 9
    )
    for person, steps in zip(people, journeys, strict=True):
        promote(person, cre, firm, IN_OCTOBER, steps)
    result = compute("funnel.pipeline")
    table = rows(result)
    assert table["Cartes préparées"][0] == "25"
    assert table["Envoyées à l'employeur"][:2] == ("20", "80 %")
    assert table["Employeur intéressé"][:2] == ("14", "70 %")
    assert table["Entretien ou immersion"][:2] == ("9", "64 %")
    assert table["Embauche"][:2] == ("9", "100 %")
    assert headlines(result)["des promotions mènent à l'embauche"] == "36 %"
    assert "aria-label" in result.chart and "Embauche : 9" in result.chart

    refusals = compute("funnel.refusals")
    assert rows(refusals)["Horaires ou disponibilités incompatibles"] == ("6",)
    assert rows(refusals)["Total"] == ("6",)
    not_hired = compute("funnel.not_hired")
    assert rows(not_hired)["La personne a décliné le poste"] == ("5",)

    # One more card never sent by another organisation: 1 stopped there is masked, with a
    # second cell, and the steps that would give them back by subtraction are masked too.
    promote(factories.profile(factories.organisation()), cre, firm, IN_OCTOBER)
    other = rows(compute("funnel.pipeline", organisation_id=ft.id))
    assert other["Cartes préparées"][0] == "n.c." and other["Embauche"][0] == "9"


def test_hires_by_contract_with_durable_jobs_and_hours(database):
    ft, _, cre, firm = _world()
    long_cdd = factories.offer(ft, contract="CDD", start_date=date(2026, 10, 1), end_date=date(2027, 6, 30),
                               hours_per_week=24)
    short_cdd = factories.offer(ft, contract="CDD", start_date=date(2026, 10, 1), end_date=date(2026, 12, 31))
    plan = ([("CDI", None, 35)] * 6 + [("CDD", long_cdd, None)] * 5 + [("CDD", short_cdd, 20)] * 5
            + [("MIS", None, 35)] * 5)
    for contract, offer, hours in plan:
        person = factories.profile(ft, status="hired", hired_contract=contract, hired_on=date(2026, 10, 15))
        details = {"contract": contract, "hours_per_week": hours} if hours else {}
        promote(person, cre, firm, IN_SEPTEMBER, (("sent", 1, {}), ("interested", 2, {}),
                                                   ("hired", 20, {"details": details})), offer=offer)
    contracts = compute("employment.contracts")
    table = rows(contracts)
    assert table["CDI"][0] == "6" and table["CDD de 6 mois ou plus"][0] == "5"
    assert table["CDD de moins de 6 mois"][0] == "5" and table["Intérim"][0] == "5"
    assert table["Total"][0] == "21"
    assert headlines(contracts)["d'emplois durables (CDI, CDD de 6 mois ou plus)"] == "52 %"  # 11 / 21
    hours = rows(compute("employment.hours"))
    # The long CDD has no hours of its own: its offer's 24 h count.
    assert hours["35 h ou plus"][0] == "11" and hours["De 24 à 34 h"][0] == "5"
    assert hours["Moins de 24 h"][0] == "5"


def test_time_from_being_put_forward_to_the_hire(database):
    ft, _, _, _ = _world()
    for days in (10, 20, 30, 40, 120):
        person = factories.profile(ft, status="hired", hired_contract="CDI",
                                   hired_on=date(2026, 10, 20))
        put_forward(person, datetime(2026, 10, 20, 10, tzinfo=UTC) - timedelta(days=days))
        put_forward(person, datetime(2026, 10, 19, 10, tzinfo=UTC))  # a later proposal: the first counts
    factories.profile(ft, status="hired", hired_contract="CDI", hired_on=date(2026, 10, 20))  # never put forward
    result = compute("employment.time_to_hire")
    assert headlines(result)["délai médian"] == "30 jours"
    assert rows(result)["Moins d'un mois"] == ("< 5",) and rows(result)["Total"] == ("5",)
    few = compute("employment.time_to_hire", organisation_id=factories.organisation().id)
    assert headlines(few)["délai médian"] == "—"


def test_in_work_three_and_six_months_after_being_put_forward_beside_the_targets(database):
    ft, _, _, _ = _world()
    # Put forward in July 2026 (the October period moved back 3 months): 10 people, 4 hired
    # within 3 months, 1 hired later; in April 2026 (6 months back): 12 people, 7 hired in time.
    july, april = datetime(2026, 7, 10, tzinfo=UTC), datetime(2026, 4, 10, tzinfo=UTC)
    for number in range(10):
        hired_on = date(2026, 8, 1) if number < 4 else date(2026, 11, 1) if number == 4 else None
        put_forward(factories.profile(ft, hired_on=hired_on, hired_contract="CDI" if hired_on else None,
                                      status="hired" if hired_on else "promoted"), july)
    for number in range(12):
        hired_on = date(2026, 6, 1) if number < 7 else None
        put_forward(factories.profile(ft, hired_on=hired_on, hired_contract="CDI" if hired_on else None,
                                      status="hired" if hired_on else "promoted"), april)
    result = compute("employment.in_work")
    table = rows(result)
    assert table["À 3 mois"][:3] == ("10", "< 5", "n.c.")  # 4 in work: masked, and the rate too
    assert table["À 6 mois"][:3] == ("12", "7", "58 %")
    assert headlines(result)["en emploi 6 mois après la proposition"] == "58 %"
    assert result.targets[0].startswith("Objectif : 46 %") and "National : 40 %" in result.targets[1]
    assert "Objectif : 46 %" in result.chart and "National : 40 %" in result.chart
    assert table["Proposées en 04/2026, à 6 mois"][:3] == ("12", "7", "58 %")
