"""People accompanied: who is ready for work and where they stand, and how many people went
through each stage (ready, put forward, promoted, in immersion, hired) during the period.

The stages come from several sources: each family module registers the stage it knows
(`stage`), so a source the platform lacks simply has no stage."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_

from webapp.models import PROFILE_STATUSES, Profile
from webapp.services.indicators.charts import bar_chart
from webapp.services.indicators.counting import (
    TOTAL,
    bars,
    count_headline,
    figure_rows,
    people_counts,
    people_table,
)
from webapp.services.indicators.period import Period
from webapp.services.indicators.privacy import protect
from webapp.services.indicators.registry import Context, indicator
from webapp.services.indicators.results import Result, Table

READY_STATUSES = ("accompaniment", "proposed", "promoted", "immersion")


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    order: int
    counts: Callable[[Context, Period], dict]  # {(organisation id, "total"): people}


STAGES: dict[str, Stage] = {}


def stage(key: str, label: str, order: int):
    """Register the decorated function as the people count of a stage."""

    def register(counts: Callable[[Context, Period], dict]) -> Callable[[Context, Period], dict]:
        STAGES[key] = Stage(key, label, order, counts)
        return counts

    return register


@stage("ready", "Devenues prêtes à l'emploi", 10)
def became_ready(ctx: Context, period: Period) -> dict:
    return people_counts(ctx, None, Profile.job_ready_since >= period.start,
                         Profile.job_ready_since < period.end)


@stage("hired", "Embauchées", 90)
def hired(ctx: Context, period: Period) -> dict:
    return people_counts(ctx, None, Profile.hired_on >= period.start, Profile.hired_on < period.end)


def _stage_table(ctx: Context, period: Period, stages: list[Stage]):
    counts = {}
    for item in stages:
        counts |= {(organisation, item.key): n for (organisation, _), n in item.counts(ctx, period).items()}
    return protect(counts, [item.key for item in stages], additive=False)


@indicator("people.stages", "people", "Personnes à chaque étape", 10)
def stages(ctx: Context) -> Result:
    """Distinct people at each stage during the period, next to the previous period."""
    ordered = sorted(STAGES.values(), key=lambda item: item.order)
    labels = {item.key: item.label for item in ordered}
    now = _stage_table(ctx, ctx.period, ordered).view(ctx.organisation_id)
    before = _stage_table(ctx, ctx.previous, ordered).view(ctx.organisation_id)
    return Result(
        key="people.stages", title="Personnes à chaque étape",
        explanation="Personnes différentes passées par chaque étape pendant la période : devenues "
        "prêtes à l'emploi, proposées en cellule emploi, promues auprès d'un employeur (carte "
        "envoyée), en immersion, embauchées. Une personne peut compter à plusieurs étapes.",
        headlines=(count_headline("personnes embauchées", now["hired"], before["hired"], ctx,
                                  higher_is_better=True),),
        chart=bar_chart("chart-people-stages", "Personnes à chaque étape", bars(labels, now)),
        table=Table(("Étape", "Période", "Période précédente"), figure_rows(labels, now, before)),
        has_masked=any(f.hidden for f in [*now.values(), *before.values()]),
    )


@indicator("people.ready", "people", "Personnes prêtes à l'emploi aujourd'hui", 20)
def ready(ctx: Context) -> Result:
    """People ready for work and not hired yet, by where they stand today."""
    labels = {status: PROFILE_STATUSES[status] for status in READY_STATUSES}
    labels["accompaniment"] = "Pas encore proposées en cellule"
    table = people_table(ctx, Profile.status, READY_STATUSES,
                         and_(Profile.job_ready, Profile.status.in_(READY_STATUSES)))
    figures, total = table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)
    return Result(
        key="people.ready", title="Personnes prêtes à l'emploi aujourd'hui",
        explanation="Personnes jugées proches de l'emploi par leur accompagnateur et pas encore "
        "embauchées, selon l'étape où elles en sont aujourd'hui.",
        headlines=(count_headline("personnes prêtes à l'emploi", total, total, ctx)._replace_trend(),
                   count_headline("pas encore proposées", figures["accompaniment"],
                                  figures["accompaniment"], ctx)._replace_trend()),
        chart=bar_chart("chart-people-ready", "Personnes prêtes, selon leur étape", bars(labels, figures)),
        table=Table(("Étape", "Personnes"), figure_rows(labels, figures) + (("Total", total.text),)),
        note="Situation actuelle, quelle que soit la période choisie.",
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )


__all__ = ["STAGES", "TOTAL", "stage"]
