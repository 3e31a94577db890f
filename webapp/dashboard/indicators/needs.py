"""Employers' hiring needs: how many were posted, what became of them, and how long they
waited before a CRE took them (median and 90th percentile, from a histogram grouped by the
database). Needs count companies' requests, not people: nothing is masked."""

from sqlalchemy import and_, case, exists, func, select

from webapp.accounts.models import Membership
from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import Bar, bar_chart
from webapp.dashboard.indicators.privacy import plain
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import (
    Headline,
    Result,
    Table,
    count_trend,
    hours_text,
    value_trend,
)
from webapp.dashboard.indicators.sql import histogram_quantiles, hours_between
from webapp.extensions import db
from webapp.needs.models import NEED_STATUSES, HiringNeed

# Waiting time bands (upper bound in hours, label); needs not taken yet come last.
WAIT_BANDS = ((24, "Moins de 24 h"), (72, "1 à 3 jours"), (168, "3 à 7 jours"), (None, "Plus de 7 jours"))
NOT_TAKEN = "Pas encore pris en charge"


def _needs(ctx: Context, start, end):
    """Needs of the territory posted in [start, end); for one organisation, those its CREs took."""
    conditions = [ctx.in_territory(HiringNeed.pole_id), HiringNeed.created_at >= start,
                  HiringNeed.created_at < end]
    if ctx.organisation_id is not None:
        conditions.append(exists().where(Membership.user_id == HiringNeed.cre_id,
                                         Membership.organisation_id == ctx.organisation_id))
    return conditions


@indicator("needs.posted", "needs", "Besoins de recrutement déposés", 10)
def posted(ctx: Context) -> Result:
    """Needs posted in the period, by their status today."""
    period = ctx.period
    by_status = dict(db.session.execute(
        select(HiringNeed.status, func.count()).where(*_needs(ctx, period.start_at, period.end_at))
        .group_by(HiringNeed.status)).all())
    before = db.session.scalar(select(func.count()).where(
        *_needs(ctx, ctx.previous.start_at, ctx.previous.end_at))) or 0
    total = sum(by_status.values())
    figures = [(label, int(by_status.get(status, 0))) for status, label in NEED_STATUSES.items()]
    return Result(
        key="needs.posted", title="Besoins de recrutement déposés",
        explanation="Besoins déposés par les employeurs pendant la période, selon ce qu'ils sont "
        "devenus aujourd'hui. Pour une organisation : les besoins pris en charge par ses CRE.",
        headlines=(Headline("besoins déposés", number_fr(total), "",
                            count_trend(plain(total), plain(before), ctx.previous_label, True)),
                   Headline("transformés en offre", number_fr(by_status.get("converted", 0)))),
        chart=bar_chart("chart-needs-posted", "Besoins déposés, selon leur situation",
                        [Bar(label, value, number_fr(value)) for label, value in figures]),
        table=Table(("Situation", "Besoins"), tuple((label, number_fr(v)) for label, v in figures)),
    )


@indicator("needs.waiting", "needs", "Délai avant prise en charge par un CRE", 20)
def waiting(ctx: Context) -> Result:
    """Median and 90th percentile of the wait before a CRE took a need, with its bands."""
    wait = hours_between(HiringNeed.created_at, HiringNeed.taken_at)
    period, previous = ctx.period, ctx.previous
    now = histogram_quantiles(wait, *_needs(ctx, period.start_at, period.end_at))
    before = histogram_quantiles(wait, *_needs(ctx, previous.start_at, previous.end_at))
    band = case(*((and_(HiringNeed.taken_at.is_not(None), wait < limit), label)
                  for limit, label in WAIT_BANDS if limit is not None),
                (HiringNeed.taken_at.is_not(None), WAIT_BANDS[-1][1]), else_=NOT_TAKEN)
    counts = dict(db.session.execute(
        select(band, func.count()).where(*_needs(ctx, period.start_at, period.end_at)).group_by(band)).all())
    labels = [label for _, label in WAIT_BANDS] + [NOT_TAKEN]
    figures = [(label, int(counts.get(label, 0))) for label in labels]
    return Result(
        key="needs.waiting", title="Délai avant prise en charge par un CRE",
        explanation="Temps écoulé entre le dépôt d'un besoin et sa prise en charge par un CRE, "
        "pour les besoins déposés pendant la période (médiane : la moitié des besoins ont "
        "attendu moins ; 90e centile : 9 sur 10 ont attendu moins).",
        headlines=(
            Headline("délai médian", hours_text(now.median), f"sur {number_fr(now.count)} besoins pris en charge",
                     value_trend(now.median, before.median, ctx.previous_label, False, " h", 1, relative=False)),
            Headline("9 besoins sur 10 pris en charge en moins de", hours_text(now.p90)),
            Headline("besoins encore en attente", number_fr(counts.get(NOT_TAKEN, 0))),
        ),
        chart=bar_chart("chart-needs-waiting", "Besoins selon le délai de prise en charge",
                        [Bar(label, value, number_fr(value)) for label, value in figures]),
        table=Table(("Délai de prise en charge", "Besoins"),
                    tuple((label, number_fr(value)) for label, value in figures)
                    + (("Délai médian", hours_text(now.median)), ("90e centile", hours_text(now.p90)))),
        extra={"median_hours": now.median, "p90_hours": now.p90},
    )
