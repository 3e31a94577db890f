"""Profiles deleted by the retention rule during the period, by the situation they had: the
anonymous counts the purge keeps (RetainedStatistic), so the people who left the platform
still count somewhere. They carry a territory but no organisation."""

from sqlalchemy import func, select

from webapp.core.models import PURGE_CAUSES, RetainedStatistic
from webapp.dashboard.indicators.charts import bar_chart
from webapp.dashboard.indicators.counting import bars, count_headline, figure_rows
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.privacy import protect
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Result, Table
from webapp.extensions import db
from webapp.profiles.models import PROFILE_STATUSES
from webapp.reference.models import Pole


def _counts(ctx: Context, period: Period) -> dict:
    conditions = [RetainedStatistic.month >= f"{period.start:%Y-%m}",
                  RetainedStatistic.month <= f"{period.last_day:%Y-%m}"]
    if ctx.pole_id is not None:
        code = db.session.scalar(select(Pole.code).where(Pole.id == ctx.pole_id))
        conditions.append(RetainedStatistic.pole_code == code)
    rows = db.session.execute(select(RetainedStatistic.final_status, func.sum(RetainedStatistic.count))
                              .where(*conditions).group_by(RetainedStatistic.final_status))
    return {("territory", status): int(n or 0) for status, n in rows}


@indicator("caseload.purged", "caseload", "Dossiers effacés au terme de leur conservation", 30)
def purged(ctx: Context) -> Result:
    """Profiles purged in the months of the period, by their last situation."""
    now = protect(_counts(ctx, ctx.period), PROFILE_STATUSES)
    before = protect(_counts(ctx, ctx.previous), PROFILE_STATUSES)
    figures, total = now.view(None), now.view_total(None)
    previous, previous_total = before.view(None), before.view_total(None)
    shown = {k: v for k, v in PROFILE_STATUSES.items() if figures[k].hidden or figures[k].value}
    return Result(
        key="caseload.purged", title="Dossiers effacés au terme de leur conservation",
        explanation="Profils supprimés par la règle de conservation (" + ", ".join(
            cause.lower() for cause in PURGE_CAUSES.values()) + ") pendant les mois de la période, "
        "selon leur dernière situation : seuls des comptes anonymes en restent.",
        headlines=(count_headline("dossiers effacés", total, previous_total, ctx),),
        chart=bar_chart("chart-purged", "Dossiers effacés, par dernière situation", bars(shown, figures))
        if shown else None,
        table=Table(("Dernière situation", "Période", "Période précédente"),
                    figure_rows(PROFILE_STATUSES, figures, previous)
                    + (("Total", total.text, previous_total.text),)),
        note="Comptés par mois entiers, pour tout le territoire : ces comptes ne gardent pas "
        "l'organisation." if ctx.organisation_id is not None else "Comptés par mois entiers.",
        has_masked=any(f.hidden for f in [total, previous_total, *figures.values(), *previous.values()]),
    )
