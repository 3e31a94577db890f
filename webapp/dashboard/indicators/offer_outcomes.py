"""What became of the offers: open at the end of the period (their status, or the last step of
their history before that day), filled, expired or cancelled during it (steps of their
history), positions filled; in total with the trend, by sector (ROME grand domaine) and by
contract. Offers count jobs, not people: nothing is masked."""

from datetime import datetime

from sqlalchemy import and_, case, func, select

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import StackRow, stacked_bars
from webapp.dashboard.indicators.offers import domain_labels, offer_conditions
from webapp.dashboard.indicators.privacy import plain
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, count_trend
from webapp.dashboard.indicators.sql import flag, grand_domain
from webapp.extensions import db
from webapp.offers.models import CONTRACTS, Offer, OfferEvent

STATUSES = {"open": "Ouvertes en fin de période", "filled": "Pourvues", "expired": "Expirées",
            "cancelled": "Annulées"}
CLOSING = ("filled", "expired", "cancelled")


def open_at(ctx: Context, moment: datetime, keys: tuple = ()) -> dict:
    """{values of `keys`: offers of the selection open at `moment`}: those untouched since
    are open if their status is; the others if their last recorded step before it says so."""
    published = [*offer_conditions(ctx), Offer.published_at < moment]
    if moment >= ctx.now:
        return _counts(select(*keys, func.count()).where(*published, Offer.status == "open"), keys)
    counts = _counts(select(*keys, func.count()).where(*published, Offer.updated_at < moment,
                                                      Offer.status == "open"), keys)
    rank = func.row_number().over(partition_by=OfferEvent.offer_id,
                                  order_by=(OfferEvent.at.desc(), OfferEvent.id.desc()))
    touched = select(Offer.id).where(*published, Offer.updated_at >= moment)
    last = (select(OfferEvent.offer_id, OfferEvent.to_status, rank.label("rank"))
            .where(OfferEvent.at < moment, OfferEvent.offer_id.in_(touched)).subquery())
    changed = (select(*keys, func.count()).select_from(last).join(Offer, Offer.id == last.c.offer_id)
               .where(last.c.rank == 1, last.c.to_status == "open"))
    for value, n in _counts(changed, keys).items():
        counts[value] = counts.get(value, 0) + n
    return counts


def _counts(statement, keys: tuple) -> dict:
    """{tuple of the keys' values: count} of a `select(*keys, count())`, grouped by the keys."""
    rows = db.session.execute(statement.group_by(*keys) if keys else statement)
    return {tuple(row[:-1]): int(row[-1]) for row in rows}


def closings(ctx: Context, keys: tuple = ()) -> dict:
    """{(values of `keys`, status, "now"/"before"): steps to a closing status}, and {(values,
    "positions"): positions filled by the offers filled now}. An offer closed twice counts twice."""
    period, previous = ctx.period, ctx.previous
    in_period = and_(OfferEvent.at >= period.start_at, OfferEvent.at < period.end_at)
    in_previous = and_(OfferEvent.at >= previous.start_at, OfferEvent.at < previous.end_at)
    counts: dict = {}
    for *values, status, now, before, positions in db.session.execute(
        select(*keys, OfferEvent.to_status, func.sum(flag(in_period)), func.sum(flag(in_previous)),
               func.sum(case((in_period, Offer.positions_filled), else_=0)))
        .join(Offer, Offer.id == OfferEvent.offer_id)
        .where(*offer_conditions(ctx), OfferEvent.kind == "status", OfferEvent.to_status.in_(CLOSING),
               OfferEvent.at >= previous.start_at, OfferEvent.at < period.end_at)
        .group_by(*keys, OfferEvent.to_status)):
        value = tuple(values)
        counts[value, status, "now"], counts[value, status, "before"] = int(now or 0), int(before or 0)
        if status == "filled":
            counts[value, "positions"] = int(positions or 0)
    return counts


def _by_sector_and_contract(ctx: Context) -> tuple[dict, dict]:
    """Open offers and closing steps by (grand domaine, contract), counted once per page."""

    def compute() -> tuple[dict, dict]:
        keys = (grand_domain(Offer.rome_code), Offer.contract)
        return open_at(ctx, ctx.period.end_at, keys), closings(ctx, keys)

    return ctx.memo("offer_outcomes", compute)


def _breakdown(ctx: Context, part: int, labels: dict, chart_id: str, title: str):
    """Stacked bars (open, filled, expired, cancelled) and table rows by sector (part 0) or
    contract (part 1)."""
    both_open, both_closed = _by_sector_and_contract(ctx)
    opened: dict = {}
    for pair, n in both_open.items():
        opened[pair[part]] = opened.get(pair[part], 0) + n
    closed: dict = {}
    for (pair, *rest), n in both_closed.items():
        closed[(pair[part], *rest)] = closed.get((pair[part], *rest), 0) + n
    values = sorted({*opened, *(k[0] for k in closed)}, key=lambda v: (-opened.get(v, 0), str(v)))
    figures = {v: [opened.get(v, 0), *(closed.get((v, s, "now"), 0) for s in CLOSING)] for v in values}
    names = {v: labels.get(v, v or "Non précisé") for v in values}
    stack = [StackRow(names[v], tuple(float(n) for n in figures[v])) for v in values if any(figures[v])]
    chart = stacked_bars(chart_id, title, stack, list(STATUSES.values()),
                         [number_fr(sum(row.values)) for row in stack]) if stack else None
    rows = tuple((names[v], *(number_fr(n) for n in figures[v])) for v in values)
    totals = {"open": sum(opened.values()), **{(s, p): sum(n for k, n in closed.items() if k[1:] == (s, p))
                                                 for s in CLOSING for p in ("now", "before")},
              "positions": sum(n for k, n in closed.items() if k[1:] == ("positions",))}
    return chart, rows, totals


@indicator("offers.outcomes", "offers", "Offres ouvertes, pourvues et expirées, par secteur", 20)
def outcomes(ctx: Context) -> Result:
    """Totals with their trend; by grand domaine in the chart and the table."""
    chart, rows, totals = _breakdown(ctx, 0, domain_labels(ctx), "chart-offers-outcomes",
                                     "Offres ouvertes, pourvues, expirées et annulées, par grand domaine")
    now, before = totals["open"], open_at(ctx, ctx.previous.end_at).get((), 0)
    filled, filled_before = totals["filled", "now"], totals["filled", "before"]
    expired, expired_before = totals["expired", "now"], totals["expired", "before"]
    total = ("Total", number_fr(now), *(number_fr(totals[s, "now"]) for s in CLOSING))
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
            Headline("postes pourvus", number_fr(totals["positions"])),
            Headline("offres expirées", number_fr(expired), "",
                     count_trend(plain(expired), plain(expired_before), ctx.previous_label, False)),
        ),
        chart=chart,
        table=Table(("Grand domaine", *STATUSES.values()), rows + (total,)),
    )


@indicator("offers.contracts", "offers", "Offres ouvertes, pourvues et expirées, par contrat", 30)
def by_contract(ctx: Context) -> Result:
    """The same by contract type."""
    chart, rows, _ = _breakdown(ctx, 1, CONTRACTS, "chart-offers-contracts",
                                "Offres ouvertes, pourvues, expirées et annulées, par contrat")
    return Result(
        key="offers.contracts", title="Offres ouvertes, pourvues et expirées, par contrat",
        explanation="Les mêmes offres, par type de contrat.",
        headlines=(),
        chart=chart,
        table=Table(("Contrat", *STATUSES.values()), rows),
    )
