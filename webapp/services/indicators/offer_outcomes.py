"""What became of the offers: open at the end of the period (their status, or the last step of
their history before that day), filled, expired or cancelled during it (steps of their
history), positions filled; in total with the trend, by sector (ROME grand domaine) and by
contract. Offers count jobs, not people: nothing is masked."""

from datetime import datetime

from sqlalchemy import and_, case, func, literal, select

from webapp.extensions import db
from webapp.formatting import number_fr
from webapp.models import CONTRACTS, Offer, OfferEvent
from webapp.services.indicators.charts import StackRow, stacked_bars
from webapp.services.indicators.offers import domain_labels, offer_conditions
from webapp.services.indicators.privacy import plain
from webapp.services.indicators.registry import Context, indicator
from webapp.services.indicators.results import Headline, Result, Table, count_trend
from webapp.services.indicators.sql import flag, grand_domain

STATUSES = {"open": "Ouvertes en fin de période", "filled": "Pourvues", "expired": "Expirées",
            "cancelled": "Annulées"}
CLOSING = ("filled", "expired", "cancelled")
ALL = "all"


def open_at(ctx: Context, moment: datetime, key=None) -> dict:
    """{key: offers of the selection open at `moment`}: those untouched since are open if
    their status is; the others if their last recorded step before it says so."""
    key = literal(ALL) if key is None else key
    published = [*offer_conditions(ctx), Offer.published_at < moment]
    if moment >= ctx.now:
        return _pairs(select(key, func.count()).where(*published, Offer.status == "open").group_by(key))
    counts = _pairs(select(key, func.count()).where(*published, Offer.updated_at < moment,
                                                   Offer.status == "open").group_by(key))
    rank = func.row_number().over(partition_by=OfferEvent.offer_id,
                                  order_by=(OfferEvent.at.desc(), OfferEvent.id.desc()))
    touched = select(Offer.id).where(*published, Offer.updated_at >= moment)
    last = (select(OfferEvent.offer_id, OfferEvent.to_status, rank.label("rank"))
            .where(OfferEvent.at < moment, OfferEvent.offer_id.in_(touched)).subquery())
    for value, n in _pairs(select(key, func.count()).select_from(last).join(Offer, Offer.id == last.c.offer_id)
                           .where(last.c.rank == 1, last.c.to_status == "open").group_by(key)).items():
        counts[value] = counts.get(value, 0) + n
    return counts


def _pairs(statement) -> dict:
    return {value: int(n) for value, n in db.session.execute(statement)}


def closings(ctx: Context, key=None) -> dict:
    """{(key, status, "now"/"before"): steps to a closing status}, and {(key, "positions"):
    positions filled by the offers filled now}. An offer closed twice counts twice."""
    key = literal(ALL) if key is None else key
    period, previous = ctx.period, ctx.previous
    in_period = and_(OfferEvent.at >= period.start_at, OfferEvent.at < period.end_at)
    in_previous = and_(OfferEvent.at >= previous.start_at, OfferEvent.at < previous.end_at)
    counts: dict = {}
    for value, status, now, before, positions in db.session.execute(
        select(key, OfferEvent.to_status, func.sum(flag(in_period)), func.sum(flag(in_previous)),
               func.sum(case((in_period, Offer.positions_filled), else_=0)))
        .join(Offer, Offer.id == OfferEvent.offer_id)
        .where(*offer_conditions(ctx), OfferEvent.kind == "status", OfferEvent.to_status.in_(CLOSING),
               OfferEvent.at >= previous.start_at, OfferEvent.at < period.end_at)
        .group_by(key, OfferEvent.to_status)):
        counts[value, status, "now"], counts[value, status, "before"] = int(now or 0), int(before or 0)
        if status == "filled":
            counts[value, "positions"] = int(positions or 0)
    return counts


def _breakdown(ctx: Context, key, labels: dict, chart_id: str, title: str):
    """Stacked bars (open, filled, expired, cancelled) and table rows by `key`."""
    opened, closed = open_at(ctx, ctx.period.end_at, key), closings(ctx, key)
    values = sorted({*opened, *(k[0] for k in closed)}, key=lambda v: (-opened.get(v, 0), str(v)))
    figures = {v: [opened.get(v, 0), *(closed.get((v, s, "now"), 0) for s in CLOSING)] for v in values}
    names = {v: labels.get(v, v or "Non précisé") for v in values}
    stack = [StackRow(names[v], tuple(float(n) for n in figures[v])) for v in values if any(figures[v])]
    chart = stacked_bars(chart_id, title, stack, list(STATUSES.values()),
                         [number_fr(sum(row.values)) for row in stack]) if stack else None
    rows = tuple((names[v], *(number_fr(n) for n in figures[v])) for v in values)
    return chart, rows


@indicator("offers.outcomes", "offers", "Offres ouvertes, pourvues et expirées, par secteur", 20)
def outcomes(ctx: Context) -> Result:
    """Totals with their trend; by grand domaine in the chart and the table."""
    now, before = open_at(ctx, ctx.period.end_at).get(ALL, 0), open_at(ctx, ctx.previous.end_at).get(ALL, 0)
    closed = closings(ctx)
    filled, filled_before = closed.get((ALL, "filled", "now"), 0), closed.get((ALL, "filled", "before"), 0)
    chart, rows = _breakdown(ctx, grand_domain(Offer.rome_code), domain_labels(ctx), "chart-offers-outcomes",
                             "Offres ouvertes, pourvues, expirées et annulées, par grand domaine")
    total = ("Total", number_fr(now), *(number_fr(closed.get((ALL, s, "now"), 0)) for s in CLOSING))
    return Result(
        key="offers.outcomes", title="Offres ouvertes, pourvues et expirées, par secteur",
        explanation="Offres encore ouvertes au dernier jour de la période, et offres passées à "
        "« pourvue », « expirée » ou « annulée » pendant la période d'après leur historique, par "
        "grand domaine du ROME.",
        headlines=(
            Headline("offres ouvertes en fin de période", number_fr(now), "",
                     count_trend(plain(now), plain(before), ctx.previous_label)),
            Headline("offres pourvues", number_fr(filled), "",
                     count_trend(plain(filled), plain(filled_before), ctx.previous_label, True)),
            Headline("postes pourvus", number_fr(closed.get((ALL, "positions"), 0))),
            Headline("offres expirées", number_fr(closed.get((ALL, "expired", "now"), 0)), "",
                     count_trend(plain(closed.get((ALL, "expired", "now"), 0)),
                                 plain(closed.get((ALL, "expired", "before"), 0)), ctx.previous_label, False)),
        ),
        chart=chart,
        table=Table(("Grand domaine", *STATUSES.values()), rows + (total,)),
    )


@indicator("offers.contracts", "offers", "Offres ouvertes, pourvues et expirées, par contrat", 30)
def by_contract(ctx: Context) -> Result:
    """The same by contract type."""
    chart, rows = _breakdown(ctx, Offer.contract, CONTRACTS, "chart-offers-contracts",
                             "Offres ouvertes, pourvues, expirées et annulées, par contrat")
    return Result(
        key="offers.contracts", title="Offres ouvertes, pourvues et expirées, par contrat",
        explanation="Les mêmes offres, par type de contrat.",
        headlines=(),
        chart=chart,
        table=Table(("Contrat", *STATUSES.values()), rows),
    )
