"""Offers of the shared pool, pooled by sector (ROME grand domaine) and contract; what became
of them is in `offer_outcomes`. Offers count jobs, not people: no figure here is masked."""


from sqlalchemy import and_, func, select

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import StackRow, stacked_bars
from webapp.dashboard.indicators.privacy import plain
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, count_trend
from webapp.dashboard.indicators.sql import grand_domain
from webapp.extensions import db
from webapp.offers.models import CONTRACTS, Offer
from webapp.reference.models import RomeDomain


def domain_labels(ctx: Context) -> dict[str, str]:
    """Grand domaines of the ROME, by letter."""
    return ctx.memo("domains", lambda: dict(db.session.execute(
        select(RomeDomain.code, RomeDomain.label).where(func.length(RomeDomain.code) == 1)
        .order_by(RomeDomain.code)).all()))


def offer_conditions(ctx: Context):
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
        .where(*offer_conditions(ctx), in_period).group_by(domain, Offer.contract)).all()
    before = db.session.scalar(select(func.count()).where(
        *offer_conditions(ctx), Offer.published_at >= previous.start_at, Offer.published_at < previous.end_at)) or 0
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
