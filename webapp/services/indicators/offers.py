"""Offers of the shared pool: pooled by sector (ROME grand domaine) and contract, open at the
end of the period, filled and expired during it, positions filled. Offers count jobs, not
people: no figure here is masked."""

from datetime import datetime

from sqlalchemy import and_, case, func, select

from webapp.extensions import db
from webapp.formatting import number_fr
from webapp.models import CONTRACTS, Offer, OfferEvent, RomeDomain
from webapp.services.indicators.charts import Bar, StackRow, bar_chart, stacked_bars
from webapp.services.indicators.privacy import plain
from webapp.services.indicators.registry import Context, indicator
from webapp.services.indicators.results import Headline, Result, Table, count_trend
from webapp.services.indicators.sql import flag, grand_domain

CLOSING = {"filled": "Pourvues", "expired": "Expirées", "cancelled": "Annulées"}


def domain_labels(ctx: Context) -> dict[str, str]:
    """Grand domaines of the ROME, by letter."""
    return ctx.memo("domains", lambda: dict(db.session.execute(
        select(RomeDomain.code, RomeDomain.label).where(func.length(RomeDomain.code) == 1)
        .order_by(RomeDomain.code)).all()))


def _offers(ctx: Context):
    """Conditions every offer indicator shares: territory, organisation, not merged away."""
    conditions = [ctx.in_territory(Offer.pole_id), Offer.merged_into_id.is_(None)]
    if ctx.organisation_id is not None:
        conditions.append(Offer.organisation_id == ctx.organisation_id)
    return conditions


@indicator("offers.pooled", "offers", "Offres mutualisées par secteur et contrat", 10)
def pooled(ctx: Context) -> Result:
    """Offers published in the period, by grand domaine and contract type."""
    period, previous = ctx.period, ctx.previous
    domain = func.coalesce(grand_domain(Offer.rome_code), "?")
    in_period = and_(Offer.published_at >= period.start_at, Offer.published_at < period.end_at)
    rows = db.session.execute(
        select(domain, Offer.contract, func.count(), func.sum(Offer.positions))
        .where(*_offers(ctx), in_period).group_by(domain, Offer.contract)).all()
    before = db.session.scalar(select(func.count()).where(
        *_offers(ctx), Offer.published_at >= previous.start_at, Offer.published_at < previous.end_at)) or 0
    labels = {**domain_labels(ctx), "?": "Métier non précisé"}
    contracts = [c for c in CONTRACTS if any(row[1] == c for row in rows)]
    matrix = {(d, c): n for d, c, n, _ in rows}
    domains = sorted({d for d, *_ in rows}, key=lambda d: -sum(matrix.get((d, c), 0) for c in contracts))
    total, positions = sum(r[2] for r in rows), sum(r[3] or 0 for r in rows)
    stack = [StackRow(labels.get(d, d), tuple(float(matrix.get((d, c), 0)) for c in contracts))
             for d in domains]
    totals = [number_fr(sum(row.values)) for row in stack]
    table_rows = tuple(
        (labels.get(d, d), *(number_fr(matrix.get((d, c), 0)) for c in contracts), totals[i])
        for i, d in enumerate(domains))
    return Result(
        key="offers.pooled", title="Offres mutualisées par secteur et contrat",
        explanation="Offres publiées dans le vivier partagé pendant la période, par grand domaine "
        "du ROME et par type de contrat (les offres fusionnées comme doublons ne comptent qu'une fois).",
        headlines=(
            Headline("offres mutualisées", number_fr(total), "",
                     count_trend(plain(total), plain(before), ctx.previous_label, True)),
            Headline("postes proposés", number_fr(positions)),
        ),
        chart=stacked_bars("chart-offers-pooled", "Offres mutualisées par grand domaine et contrat",
                           stack, [CONTRACTS[c] for c in contracts], totals) if stack else None,
        table=Table(("Grand domaine", *(CONTRACTS[c] for c in contracts), "Total"), table_rows),
    )


def open_at(ctx: Context, moment: datetime) -> int:
    """Offers of the selection open at `moment`: their status when the moment is now or
    later, else the destination of their last recorded step before it."""
    published = [*_offers(ctx), Offer.published_at < moment]
    if moment >= ctx.now:
        return db.session.scalar(select(func.count()).where(*published, Offer.status == "open")) or 0
    rank = func.row_number().over(partition_by=OfferEvent.offer_id,
                                  order_by=(OfferEvent.at.desc(), OfferEvent.id.desc()))
    last = (select(OfferEvent.offer_id, OfferEvent.to_status, rank.label("rank"))
            .where(OfferEvent.at < moment).subquery())
    return db.session.scalar(
        select(func.count()).select_from(Offer).join(last, last.c.offer_id == Offer.id)
        .where(*published, last.c.rank == 1, last.c.to_status == "open")) or 0


@indicator("offers.outcomes", "offers", "Offres ouvertes, pourvues et expirées", 20)
def outcomes(ctx: Context) -> Result:
    """Offers open at the end of the period; offers filled, expired or cancelled during it."""
    period, previous = ctx.period, ctx.previous
    open_now, open_before = open_at(ctx, period.end_at), open_at(ctx, previous.end_at)
    in_period = and_(OfferEvent.at >= period.start_at, OfferEvent.at < period.end_at)
    in_previous = and_(OfferEvent.at >= previous.start_at, OfferEvent.at < previous.end_at)
    # Steps to a closing status, now and before (an offer reopened and closed twice counts
    # twice), and the positions filled of the offers filled now.
    closing = {status: [0, 0, 0] for status in CLOSING}
    for status, now_count, before_count, filled in db.session.execute(
        select(OfferEvent.to_status, func.sum(flag(in_period)), func.sum(flag(in_previous)),
               func.sum(case((in_period, Offer.positions_filled), else_=0)))
        .join(Offer, Offer.id == OfferEvent.offer_id)
        .where(*_offers(ctx), OfferEvent.kind == "status", OfferEvent.to_status.in_(CLOSING),
               OfferEvent.at >= previous.start_at, OfferEvent.at < period.end_at)
        .group_by(OfferEvent.to_status)):
        closing[status] = [int(now_count or 0), int(before_count or 0), int(filled or 0)]
    figures = [("Ouvertes en fin de période", int(open_now), int(open_before))]
    figures += [(f"{label} pendant la période", closing[s][0], closing[s][1]) for s, label in CLOSING.items()]
    chart = bar_chart("chart-offers-outcomes", "Offres ouvertes, pourvues, expirées et annulées",
                      [Bar(label, value, number_fr(value)) for label, value, _ in figures])
    return Result(
        key="offers.outcomes", title="Offres ouvertes, pourvues et expirées",
        explanation="Offres encore ouvertes au dernier jour de la période, et offres passées à "
        "« pourvue », « expirée » ou « annulée » pendant la période, d'après leur historique.",
        headlines=(
            Headline("offres ouvertes en fin de période", number_fr(open_now), "",
                     count_trend(plain(open_now), plain(open_before), ctx.previous_label)),
            Headline("offres pourvues", number_fr(closing["filled"][0]), "",
                     count_trend(plain(closing["filled"][0]), plain(closing["filled"][1]),
                                 ctx.previous_label, True)),
            Headline("postes pourvus", number_fr(closing["filled"][2])),
        ),
        chart=chart,
        table=Table(("Offres", "Période", "Période précédente"),
                    tuple((label, number_fr(now), number_fr(before)) for label, now, before in figures)),
    )
