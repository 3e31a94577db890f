"""People accompanied: who is ready for work and where they stand, and how many people went
through each stage (ready, put forward, promoted, in immersion, hired) during the period.

The stages come from several sources: each family module registers the stage it knows
(`stage`), so a source the platform lacks simply has no stage."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from webapp.dashboard.indicators.charts import bar_chart
from webapp.dashboard.indicators.counting import (
    BEFORE,
    NOW,
    TOTAL,
    bars,
    count_headline,
    figure_rows,
    snapshot_headline,
)
from webapp.dashboard.indicators.privacy import protect
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Result, Table
from webapp.dashboard.indicators.sql import flag
from webapp.dashboard.indicators.summary import counts, profile_summary
from webapp.extensions import db
from webapp.profiles.models import PROFILE_STATUSES, Profile

READY_STATUSES = ("accompaniment", "proposed", "promoted", "immersion")


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    order: int
    counts: Callable[[Context], tuple[dict, dict]]  # ({(organisation id, "total"): people}) now, before


STAGES: dict[str, Stage] = {}


def stage(key: str, label: str, order: int):
    """Register the decorated function as the people count of a stage, for the period and
    the previous one (`counts_by_period`)."""

    def register(counts: Callable[[Context], tuple[dict, dict]]) -> Callable[[Context], tuple[dict, dict]]:
        STAGES[key] = Stage(key, label, order, counts)
        return counts

    return register


def _flows(ctx: Context) -> dict[tuple[str, str], dict]:
    """People who became ready and people hired, now and before, in one pass over the
    profiles (both dates are indexed): {(column, "now"/"before"): {(organisation, "total"): n}}."""

    def compute() -> dict[tuple[str, str], dict]:
        period, previous = ctx.period, ctx.previous
        columns = {"ready": Profile.job_ready_since, "hired": Profile.hired_on}
        sums = [func.sum(flag(and_(column >= span.start, column < span.end)))
                for column in columns.values() for span in (period, previous)]
        statement = select(Profile.organisation_id, *sums).where(
            ctx.in_territory(Profile.pole_id),
            or_(*(and_(column >= previous.start, column < period.end) for column in columns.values())),
        ).group_by(Profile.organisation_id)
        flows: dict[tuple[str, str], dict] = {(c, p): {} for c in columns for p in (NOW, BEFORE)}
        keys = [(c, p) for c in columns for p in (NOW, BEFORE)]
        for organisation, *figures in db.session.execute(statement):
            for key, figure in zip(keys, figures, strict=True):
                if figure:
                    flows[key][organisation, TOTAL] = int(figure)
        return flows

    return ctx.memo("profile_flows", compute)


@stage("ready", "Devenues prêtes à l'emploi", 10)
def became_ready(ctx: Context) -> tuple[dict, dict]:
    return _flows(ctx)["ready", NOW], _flows(ctx)["ready", BEFORE]


@stage("hired", "Embauchées", 90)
def hired(ctx: Context) -> tuple[dict, dict]:
    return _flows(ctx)["hired", NOW], _flows(ctx)["hired", BEFORE]


def _stage_tables(ctx: Context, stages: list[Stage]):
    """Stages × organisations, protected across organisations, now and before."""
    now, before = {}, {}
    for item in stages:
        current, previous = item.counts(ctx)
        now |= {(organisation, item.key): n for (organisation, _), n in current.items()}
        before |= {(organisation, item.key): n for (organisation, _), n in previous.items()}
    keys = [item.key for item in stages]
    return protect(now, keys, additive=False), protect(before, keys, additive=False)


@indicator("people.stages", "people", "Personnes à chaque étape", 10)
def stages(ctx: Context) -> Result:
    """Distinct people at each stage during the period, next to the previous period."""
    ordered = sorted(STAGES.values(), key=lambda item: item.order)
    labels = {item.key: item.label for item in ordered}
    now, before = (table.view(ctx.organisation_id) for table in _stage_tables(ctx, ordered))
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
    table = protect(counts(profile_summary(ctx), lambda g: g.status,
                           lambda g: g.job_ready and g.status in READY_STATUSES), READY_STATUSES)
    figures, total = table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)
    return Result(
        key="people.ready", title="Personnes prêtes à l'emploi aujourd'hui",
        explanation="Personnes jugées proches de l'emploi par leur accompagnateur et pas encore "
        "embauchées, selon l'étape où elles en sont aujourd'hui.",
        headlines=(snapshot_headline("personnes prêtes à l'emploi", total),
                   snapshot_headline("pas encore proposées en cellule", figures["accompaniment"])),
        chart=bar_chart("chart-people-ready", "Personnes prêtes, selon leur étape", bars(labels, figures)),
        table=Table(("Étape", "Personnes"), figure_rows(labels, figures) + (("Total", total.text),)),
        note="Situation actuelle, quelle que soit la période choisie.",
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )

