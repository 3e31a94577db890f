"""Offers and hiring needs indicators on small hand-made data whose answer is known."""

from datetime import UTC, date, datetime, timedelta

from tests import factories
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.registry import REGISTRY, Context, load_families
from webapp.extensions import db
from webapp.offers.models import OfferEvent

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
OCTOBER = Period(date(2026, 10, 1), date(2026, 11, 1))  # previous: 31/08 to 30/09
IN_OCTOBER = datetime(2026, 10, 10, 9, 0, tzinfo=UTC)
IN_SEPTEMBER = datetime(2026, 9, 10, 9, 0, tzinfo=UTC)


def compute(key: str, pole_id=None, organisation_id=None, period=OCTOBER):
    load_families()
    return REGISTRY[key].compute(Context(period, NOW, pole_id, organisation_id))


def rows(result) -> dict:
    return {row[0]: row[1:] for row in result.table.rows}


def headlines(result) -> dict:
    return {h.label: h.value for h in result.headlines}


def _world():
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    arles = factories.organisation("France Travail Arles", pole_code="VII")
    return ft, plie, arles


def test_pooled_offers_are_counted_by_grand_domaine_and_contract(database):
    ft, plie, arles = _world()
    for contract in ("CDI", "CDI", "CDD"):
        factories.offer(ft, rome_code="K2204", contract=contract, published_at=IN_OCTOBER, positions=2)
    factories.offer(plie, rome_code="N1103", contract="MIS", published_at=IN_OCTOBER)
    factories.offer(ft, rome_code="K2204", published_at=IN_SEPTEMBER)  # previous period
    factories.offer(ft, rome_code="K2204", published_at=None, status="draft")  # never pooled
    factories.offer(arles, insee="13004", rome_code="K2204", published_at=IN_OCTOBER)  # pôle VII
    merged_into = factories.offer(ft, published_at=IN_OCTOBER)
    factories.offer(ft, published_at=IN_OCTOBER, merged_into_id=merged_into.id)  # a duplicate

    pole_i = factories.pole("I").id
    result = compute("offers.pooled", pole_id=pole_i)
    assert result.table.header == ("Grand domaine", "CDI", "CDD", "Intérim", "Total")
    assert rows(result)["Services à la personne et à la collectivité"] == ("3", "1", "0", "4")
    assert rows(result)["Transport et logistique"] == ("0", "0", "1", "1")
    assert headlines(result) == {"offres mutualisées": "5", "postes proposés": "8"}
    assert result.headlines[0].trend.text.startswith("+4 (+400 %)")
    assert 'role="img"' in result.chart and "<title>Offres mutualisées" in result.chart

    only_plie = compute("offers.pooled", pole_id=pole_i, organisation_id=plie.id)
    assert headlines(only_plie)["offres mutualisées"] == "1"
    everywhere = compute("offers.pooled")
    assert headlines(everywhere)["offres mutualisées"] == "6"


def _event(offer, at: datetime, from_status: str | None, to_status: str) -> None:
    db.session.add(OfferEvent(offer_id=offer.id, at=at, kind="status", from_status=from_status,
                              to_status=to_status))


def test_outcomes_follow_the_history_of_each_offer(database):
    ft, _, _ = _world()
    filled = factories.offer(ft, status="filled", published_at=IN_SEPTEMBER, positions=3, positions_filled=3)
    _event(filled, IN_SEPTEMBER, "draft", "open")
    _event(filled, IN_OCTOBER, "open", "filled")
    expired = factories.offer(ft, status="expired", published_at=IN_SEPTEMBER)
    _event(expired, IN_SEPTEMBER, "draft", "open")
    _event(expired, IN_OCTOBER, "open", "expired")
    still_open = factories.offer(ft, status="open", published_at=IN_SEPTEMBER)
    _event(still_open, IN_SEPTEMBER, "draft", "open")
    reopened = factories.offer(ft, status="open", published_at=IN_SEPTEMBER)
    _event(reopened, IN_SEPTEMBER, "draft", "open")
    _event(reopened, IN_SEPTEMBER + timedelta(days=2), "open", "filled")
    _event(reopened, IN_OCTOBER, "filled", "open")
    db.session.flush()

    result = compute("offers.outcomes", pole_id=factories.pole("I").id)
    # At the end of October: still_open and reopened are open (filled and expired are not);
    # at the end of September three were (reopened was filled then).
    assert result.table.header == ("Grand domaine", "Ouvertes en fin de période", "Pourvues", "Expirées",
                                   "Annulées")
    assert rows(result)["Services à la personne et à la collectivité"] == ("2", "1", "1", "0")
    assert rows(result)["Total"] == ("2", "1", "1", "0")
    assert headlines(result)["offres ouvertes en fin de période"] == "2"
    assert result.headlines[0].trend.text.startswith("−1 (−33 %)")
    assert headlines(result)["offres pourvues"] == "1" and headlines(result)["postes pourvus"] == "3"
    by_contract = compute("offers.contracts", pole_id=factories.pole("I").id)
    assert rows(by_contract)["CDI"] == ("2", "1", "1", "0")


def test_open_offers_at_the_end_of_a_period_ending_today_are_the_open_ones(database):
    ft, _, _ = _world()
    factories.offer(ft, status="open", published_at=IN_OCTOBER)
    factories.offer(ft, status="suspended", published_at=IN_OCTOBER)
    today = Period(date(2026, 10, 17), date(2026, 11, 16))
    assert headlines(compute("offers.outcomes", period=today))["offres ouvertes en fin de période"] == "1"


def _need(org, firm, created: datetime, waited_hours: float | None, **values):
    taken = created + timedelta(hours=waited_hours) if waited_hours is not None else None
    status = "in_progress" if taken else "waiting"
    return factories.need(org, firm, created_at=created, taken_at=taken, status=status, **values)


def test_waiting_time_before_a_cre_takes_a_need_median_and_90th_percentile(database):
    ft, _, _ = _world()
    firm = factories.company()
    cre = factories.user((ft, "cre"))
    for hours in (2, 4, 6, 8, 10):
        _need(ft, firm, IN_OCTOBER, hours, cre_id=cre.id)
    _need(ft, firm, IN_OCTOBER, None)  # still waiting
    _need(ft, firm, IN_OCTOBER, 100, cre_id=cre.id, insee="13004")  # another pôle
    _need(ft, firm, IN_SEPTEMBER, 30, cre_id=cre.id)  # previous period

    result = compute("needs.waiting", pole_id=factories.pole("I").id)
    assert result.extra["median_hours"] == 6.0
    assert round(result.extra["p90_hours"], 1) == 9.2
    assert headlines(result)["délai médian"] == "6,0 h"
    assert result.headlines[0].trend.text.startswith("−24")  # 30 h the period before
    assert rows(result)["Moins de 24 h"] == ("5",)
    assert rows(result)["Pas encore pris en charge"] == ("1",)
    posted = compute("needs.posted", pole_id=factories.pole("I").id)
    assert headlines(posted)["besoins déposés"] == "6"

    # For an organisation: the needs its CREs took.
    other = factories.organisation("PLIE", kind="plie")
    assert headlines(compute("needs.posted", organisation_id=other.id))["besoins déposés"] == "0"
    assert headlines(compute("needs.posted", organisation_id=ft.id))["besoins déposés"] == "6"
