"""Immersions (PMSMP): the people in immersion during the period (a stage of their path),
the immersions held by objective, and what came of those that ended. Each immersion is one
person's: its counts follow the small-cell rule."""

from sqlalchemy import func

from webapp.dashboard.indicators.charts import bar_chart
from webapp.dashboard.indicators.counting import (
    Source,
    bars,
    count_headline,
    figure_rows,
    people_counts,
    people_table,
)
from webapp.dashboard.indicators.people import stage
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, rate_text
from webapp.immersions.models import (
    IMMERSION_OBJECTIVES,
    IMMERSION_OUTCOMES,
    Immersion,
    ImmersionAssessment,
)
from webapp.profiles.models import Profile

HELD = ("under_way", "done")  # the immersion actually took place (or is taking place)
IMMERSIONS = Source(table=Immersion, person=Immersion.id, organisation=Immersion.organisation_id,
                    pole=Immersion.pole_id)
NO_ASSESSMENT = "Bilan à faire"


def _during(period: Period) -> list:
    return [Immersion.status.in_(HELD), Immersion.start_date < period.end, Immersion.end_date >= period.start]


@stage("immersion", "En immersion", 40)
def in_immersion(ctx: Context) -> tuple[dict, dict]:
    joins = ((Immersion, Immersion.profile_id == Profile.id),)
    return (people_counts(ctx, None, *_during(ctx.period), joins=joins),
            people_counts(ctx, None, *_during(ctx.previous), joins=joins))


def _held(ctx: Context, period: Period):
    table = people_table(ctx, Immersion.objective, IMMERSION_OBJECTIVES, *_during(period), source=IMMERSIONS)
    return table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)


@indicator("immersions.held", "immersions", "Immersions réalisées", 10)
def held(ctx: Context) -> Result:
    """Immersions under way or done during the period, by objective."""
    figures, total = _held(ctx, ctx.period)
    before, before_total = _held(ctx, ctx.previous)
    return Result(
        key="immersions.held", title="Immersions réalisées",
        explanation="Immersions en cours ou terminées pendant la période (au moins un jour dans la "
        "période), par objectif, comptées pour l'organisation qui les a prescrites.",
        headlines=(count_headline("immersions réalisées", total, before_total, ctx, higher_is_better=True),),
        chart=bar_chart("chart-immersions", "Immersions réalisées, par objectif", bars(IMMERSION_OBJECTIVES, figures)),
        table=Table(("Objectif", "Période", "Période précédente"),
                    figure_rows(IMMERSION_OBJECTIVES, figures, before) + (("Total", total.text, before_total.text),)),
        has_masked=total.hidden or any(f.hidden for f in [*figures.values(), *before.values()]),
    )


@indicator("immersions.outcomes", "immersions", "Suites données aux immersions terminées", 20)
def outcomes(ctx: Context) -> Result:
    """Immersions that ended during the period, by the outcome of their assessment."""
    labels = {**IMMERSION_OUTCOMES, "": NO_ASSESSMENT}
    outcome = func.coalesce(ImmersionAssessment.outcome, "")
    table = people_table(
        ctx, outcome, labels, Immersion.status == "done", Immersion.end_date >= ctx.period.start,
        Immersion.end_date < ctx.period.end, source=IMMERSIONS,
        joins=((ImmersionAssessment, ImmersionAssessment.immersion_id == Immersion.id, True),))
    figures, total = table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)
    return Result(
        key="immersions.outcomes", title="Suites données aux immersions terminées",
        explanation="Immersions terminées pendant la période, selon la suite notée au bilan.",
        headlines=(Headline("des immersions terminées mènent à une embauche", rate_text(figures["hired"], total),
                            f"{figures['hired'].text} sur {total.text}"),),
        chart=bar_chart("chart-immersion-outcomes", "Suites des immersions terminées", bars(labels, figures)),
        table=Table(("Suite", "Immersions"), figure_rows(labels, figures) + (("Total", total.text),)),
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )
