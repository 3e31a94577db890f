"""In work three and six months after being put forward to the cellule emploi, beside the
Département's target (46 %) and the national figure (40 %).

The cohort of a horizon is the people first put forward in the period moved back by that
horizon, so the figure describes what became of them by the end of the chosen period: in
work means hired (date of hire recorded) within the horizon. "In work" and "not yet" are
protected together, so the rate never gives a small count away."""

from datetime import date, timedelta

from sqlalchemy import and_, case

from webapp.dashboard.indicators.charts import Bar, line_chart
from webapp.dashboard.indicators.counting import people_counts, people_tables
from webapp.dashboard.indicators.funnel import first_proposal
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.privacy import Shown, percent, protect
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, rate_text, value_trend
from webapp.dashboard.indicators.sql import days_between, month_of
from webapp.dashboard.indicators.targets import IN_WORK_NATIONAL, IN_WORK_TARGET
from webapp.profiles.models import Profile

HORIZONS = {3: 91, 6: 183}  # months after being put forward -> days
OUTCOMES = ("in_work", "not_yet")
SERIES_MONTHS = 12


def _outcome(first, days: int):
    hired_in_time = and_(Profile.hired_on.is_not(None), days_between(first.c.first_at, Profile.hired_on) <= days)
    return case((hired_in_time, "in_work"), else_="not_yet")


def cohorts(ctx: Context, months: int) -> tuple[tuple[Shown, Shown], tuple[Shown, Shown]]:
    """(people in work within `months`, people of the cohort) for the period, then for the
    previous one, each protected."""
    first, days = first_proposal(), HORIZONS[months]
    tables = people_tables(ctx, first.c.first_at, _outcome(first, days), OUTCOMES,
                           joins=((first, first.c.profile_id == Profile.id),),
                           periods=(ctx.period.shifted(days), ctx.previous.shifted(days)))
    return tuple((t.view(ctx.organisation_id)["in_work"], t.view_total(ctx.organisation_id)) for t in tables)


def _month_start(day: date, back: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - back, 12)
    return date(year, month + 1, 1)


def monthly_series(ctx: Context, months: int = 6) -> list[tuple[date, Shown, Shown]]:
    """(first day of the month, in work, cohort) of each monthly cohort whose follow-up is complete by the
    end of the period, the last SERIES_MONTHS of them, each protected on its own."""
    first, days = first_proposal(), HORIZONS[months]
    last_month = _month_start(ctx.period.end - timedelta(days=days), 1)
    first_month = _month_start(last_month, SERIES_MONTHS - 1)
    counts = people_counts(
        ctx, (month_of(first.c.first_at), _outcome(first, days)),
        first.c.first_at >= Period(first_month, first_month).start_at,
        first.c.first_at < Period(_month_start(last_month, -1), first_month).start_at,
        joins=((first, first.c.profile_id == Profile.id),))
    series = []
    for back in range(SERIES_MONTHS - 1, -1, -1):
        month = _month_start(last_month, back)
        table = protect({(org, outcome): n for (org, (key, outcome)), n in counts.items()
                         if key == f"{month:%Y-%m}"}, OUTCOMES)
        series.append((month, table.view(ctx.organisation_id)["in_work"],
                       table.view_total(ctx.organisation_id)))
    return series


@indicator("employment.in_work", "employment", "En emploi 3 et 6 mois après la proposition", 40)
def in_work(ctx: Context) -> Result:
    """Rates at 3 and 6 months for the cohorts of the period, and the monthly 6-month series."""
    figures = {m: cohorts(ctx, m) for m in HORIZONS}
    rates = {m: (percent(*now), percent(*before)) for m, (now, before) in figures.items()}
    series = monthly_series(ctx)
    points = [Bar(f"{month:%m/%y}", percent(hired, total), rate_text(hired, total))
              for month, hired, total in series]
    headlines = tuple(
        Headline(f"en emploi {m} mois après la proposition", rate_text(*figures[m][0]),
                 f"{figures[m][0][0].text} personnes sur {figures[m][0][1].text}",
                 value_trend(rates[m][0], rates[m][1], ctx.previous_label, True, " points", 0, False),
                 any(figure.hidden for figure in figures[m][0]))
        for m in HORIZONS)
    rows = tuple((f"À {m} mois", figures[m][0][1].text, figures[m][0][0].text, rate_text(*figures[m][0]),
                  rate_text(*figures[m][1])) for m in HORIZONS)
    rows += tuple((f"Proposées en {month:%m/%Y}, à 6 mois", total.text, hired.text, rate_text(hired, total), "")
                  for month, hired, total in series)
    return Result(
        key="employment.in_work", title="En emploi 3 et 6 mois après la proposition",
        explanation="Parmi les personnes proposées pour la première fois en cellule emploi, part de "
        "celles qui ont été embauchées dans les 3 (ou 6) mois. Pour la période choisie : les "
        "personnes proposées 3 (ou 6) mois plus tôt. La courbe suit chaque mois de proposition.",
        headlines=headlines,
        chart=line_chart("chart-in-work", "En emploi 6 mois après la proposition, par mois de proposition",
                         points, [IN_WORK_TARGET.line(), IN_WORK_NATIONAL.line()]),
        table=Table(("Cohorte", "Personnes proposées", "En emploi", "Taux", "Taux, période précédente"), rows),
        targets=(IN_WORK_TARGET.sentence(), IN_WORK_NATIONAL.sentence()),
        has_masked=any(s.hidden for pair in figures.values() for c in pair for s in c),
    )
