"""Back to work: hires by contract (is the job durable: a CDI, a CDD of six months or more?)
and by weekly hours, and the time from being put forward to a hire."""

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from webapp.dashboard.indicators.charts import bar_chart
from webapp.dashboard.indicators.counting import (
    BEFORE,
    NOW,
    bars,
    count_headline,
    counts_by_period,
    figure_rows,
    people_tables,
    period_window,
)
from webapp.dashboard.indicators.funnel import first_proposal
from webapp.dashboard.indicators.privacy import Shown, percent, protect, statistic_allowed
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import (
    Headline,
    Result,
    Table,
    days_text,
    rate_text,
    value_trend,
)
from webapp.dashboard.indicators.sql import days_between, grouped_quantiles
from webapp.dashboard.indicators.targets import DURABLE_DAYS
from webapp.offers.models import CONTRACTS, Offer
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion, PromotionStep

CONTRACT_LABELS = {"CDI": "CDI", "CDD_LONG": "CDD de 6 mois ou plus", "CDD_SHORT": "CDD de moins de 6 mois",
                   "CDD_UNKNOWN": "CDD, durée non renseignée",
                   **{code: label for code, label in CONTRACTS.items() if code not in ("CDI", "CDD", "PMSMP")},
                   "": "Contrat non renseigné"}
DURABLE = ("CDI", "CDD_LONG")
DELAY_BANDS = {"month": (31, "Moins d'un mois"), "quarter": (92, "1 à 3 mois"), "half": (183, "3 à 6 mois"),
               "long": (None, "Plus de 6 mois")}
HOURS_LABELS = {"short": "Moins de 24 h", "part": "De 24 à 34 h", "full": "35 h ou plus", "": "Non renseigné"}


def _hire_joins():
    """The hire's promotion (the person's latest one that ended in a hire), its offer, its step."""
    earlier = aliased(Promotion)
    latest = (select(func.max(earlier.id)).where(earlier.profile_id == Profile.id, earlier.status == "hired")
              .correlate(Profile).scalar_subquery())
    return (
        (Promotion, Promotion.id == latest, True),
        (Offer, Offer.id == Promotion.offer_id, True),
        (PromotionStep, and_(PromotionStep.promotion_id == Promotion.id, PromotionStep.kind == "hired"), True),
    )


def _contract_category():
    duration = days_between(Offer.start_date, Offer.end_date)
    cdd = Profile.hired_contract == "CDD"
    return case((Profile.hired_contract == "CDI", "CDI"), (and_(cdd, duration >= DURABLE_DAYS), "CDD_LONG"),
                (and_(cdd, duration < DURABLE_DAYS), "CDD_SHORT"), (cdd, "CDD_UNKNOWN"),
                else_=func.coalesce(Profile.hired_contract, ""))


def _durable(figures: dict[str, Shown]) -> Shown:
    """Hires in a durable job: published only when each of its parts is."""
    if any(figures[key].hidden for key in DURABLE):
        return Shown(None, "secondary")
    return Shown(sum(figures[key].value for key in DURABLE))


def _views(tables, ctx: Context):
    return [(t.view(ctx.organisation_id), t.view_total(ctx.organisation_id)) for t in tables]


def _hours_band():
    weekly = func.coalesce(PromotionStep.details["hours_per_week"].as_float(), Offer.hours_per_week)
    return case((weekly < 24, "short"), (weekly < 35, "part"), (weekly >= 35, "full"), else_="")


def _hires(ctx: Context, part: int, labels: dict):
    """Hires now and before by one of (contract, hours band), protected. The hires are
    counted once per page by organisation, contract and hours band (a small array)."""
    both = ctx.memo("hires", lambda: counts_by_period(
        ctx, Profile.hired_on, (_contract_category(), _hours_band()), on_dates=True, joins=_hire_joins()))
    tables = []
    for counts in both:
        marginal: dict = {}
        for (organisation, key), n in counts.items():
            marginal[organisation, key[part]] = marginal.get((organisation, key[part]), 0) + n
        tables.append(protect(marginal, labels))
    return _views(tables, ctx)


@indicator("employment.contracts", "employment", "Embauches par type de contrat", 10)
def contracts(ctx: Context) -> Result:
    """Hires of the period by contract; the share of durable jobs (CDI, CDD of 6 months+)."""
    (figures, total), (before, before_total) = _hires(ctx, 0, CONTRACT_LABELS)
    durable, durable_before = _durable(figures), _durable(before)
    shown = {k: v for k, v in CONTRACT_LABELS.items() if figures[k].hidden or figures[k].value}
    return Result(
        key="employment.contracts", title="Embauches par type de contrat",
        explanation="Personnes embauchées pendant la période, par contrat signé. Un emploi est "
        "durable quand c'est un CDI ou un CDD de six mois ou plus (durée lue sur l'offre pourvue).",
        headlines=(count_headline("personnes embauchées", total, before_total, ctx, higher_is_better=True),
                   Headline("d'emplois durables (CDI, CDD de 6 mois ou plus)", rate_text(durable, total), "",
                            value_trend(percent(durable, total), percent(durable_before, before_total),
                                        ctx.previous_label, True, " points", 0, False))),
        chart=bar_chart("chart-contracts", "Embauches par type de contrat", bars(shown, figures)) if shown else None,
        table=Table(("Contrat", "Période", "Période précédente"),
                    figure_rows(CONTRACT_LABELS, figures, before) + (("Total", total.text, before_total.text),)),
        has_masked=any(f.hidden for f in [total, before_total, *figures.values(), *before.values()]),
    )


@indicator("employment.hours", "employment", "Embauches selon la durée du travail", 20)
def hours(ctx: Context) -> Result:
    """Hires of the period by weekly hours (the hire's own figure, else the offer's)."""
    (figures, total), (before, before_total) = _hires(ctx, 1, HOURS_LABELS)
    full, full_before = percent(figures["full"], total), percent(before["full"], before_total)
    return Result(
        key="employment.hours", title="Embauches selon la durée du travail",
        explanation="Personnes embauchées pendant la période, par heures de travail par semaine "
        "(celles notées à l'embauche, sinon celles de l'offre).",
        headlines=(Headline("à temps plein (35 h ou plus)", rate_text(figures["full"], total), "",
                            value_trend(full, full_before, ctx.previous_label, True, " points", 0, False)),),
        chart=bar_chart("chart-hours", "Embauches selon les heures par semaine", bars(HOURS_LABELS, figures)),
        table=Table(("Heures par semaine", "Période", "Période précédente"),
                    figure_rows(HOURS_LABELS, figures, before) + (("Total", total.text, before_total.text),)),
        has_masked=any(f.hidden for f in [total, before_total, *figures.values(), *before.values()]),
    )


@indicator("employment.time_to_hire", "employment", "Délai entre la proposition et l'embauche", 30)
def time_to_hire(ctx: Context) -> Result:
    """Days from being first put forward to the hire, for the hires of the period: bands and
    the median (published from 5 people)."""
    first = first_proposal()
    joins = ((first, first.c.profile_id == Profile.id),)
    days = days_between(first.c.first_at, Profile.hired_on)
    band = case(*((days < limit, key) for key, (limit, _) in DELAY_BANDS.items() if limit), else_="long")
    labels = {key: label for key, (_, label) in DELAY_BANDS.items()}
    (figures, total), (_, before_total) = _views(people_tables(
        ctx, Profile.hired_on, band, labels, on_dates=True, joins=joins), ctx)
    which, window = period_window(Profile.hired_on, ctx.period, ctx.previous, on_dates=True)
    conditions = [ctx.in_territory(Profile.pole_id), *window]
    if ctx.organisation_id is not None:
        conditions.append(Profile.organisation_id == ctx.organisation_id)
    medians = grouped_quantiles(days, which, *conditions, resolution=1, select_from=Profile, joins=joins)
    median = medians[NOW].median if NOW in medians and statistic_allowed(total) else None
    before = medians[BEFORE].median if BEFORE in medians and statistic_allowed(before_total) else None
    return Result(
        key="employment.time_to_hire", title="Délai entre la proposition et l'embauche",
        explanation="Pour les personnes embauchées pendant la période après avoir été proposées en "
        "cellule emploi : temps écoulé depuis leur première proposition (médiane publiée à partir "
        "de 5 personnes).",
        headlines=(Headline("délai médian", days_text(median), f"sur {total.text} personnes embauchées",
                            value_trend(median, before, ctx.previous_label, False, " jours", 0, False)),),
        chart=bar_chart("chart-time-to-hire", "Embauches selon le délai depuis la proposition",
                        bars(labels, figures)),
        table=Table(("Délai depuis la première proposition", "Personnes"),
                    figure_rows(labels, figures) + (("Total", total.text), ("Délai médian", days_text(median)),
                                                    ("Délai médian, période précédente", days_text(before)))),
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )
