"""The promotion of profiles: people put forward to the cellule and promoted to employers
(two stages of the people's path), the pipeline of promotions from the card to the hire with
the conversion at each step, and the reasons employers and people gave for saying no.

A promotion concerns one person: its counts follow the small-cell rule like people's."""

from sqlalchemy import and_, case, func, select

from webapp.cellule.models import ProfileProposal
from webapp.dashboard.indicators.charts import Bar, bar_chart, funnel
from webapp.dashboard.indicators.counting import (
    BEFORE,
    NOW,
    Source,
    bars,
    count_headline,
    counts_by_period,
    figure_rows,
    people_table,
    period_window,
    snapshot_headline,
)
from webapp.dashboard.indicators.people import stage
from webapp.dashboard.indicators.privacy import Shown, protect
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, rate_text
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.promotions.models import (
    NOT_HIRED_REASONS,
    NOT_INTERESTED_REASONS,
    Promotion,
    PromotionStep,
)

# The pipeline's steps, each reached by every promotion that went further.
PIPELINE = {0: "Cartes préparées", 1: "Envoyées à l'employeur", 2: "Employeur intéressé",
            3: "Entretien ou immersion", 4: "Embauche"}
STEP_RANKS = {"sent": 1, "not_interested": 1, "interested": 2, "not_hired": 2,
              "interview": 3, "immersion": 3, "hired": 4}
PROMOTIONS = Source(table=Promotion, person=Promotion.id)
TO_PROFILE = ((Profile, Profile.id == Promotion.profile_id),)


@stage("proposed", "Proposées en cellule emploi", 20)
def put_forward(ctx: Context) -> tuple[dict, dict]:
    return counts_by_period(ctx, ProfileProposal.created_at, None,
                            joins=((ProfileProposal, ProfileProposal.profile_id == Profile.id),))


@stage("promoted", "Promues auprès d'un employeur", 30)
def promoted(ctx: Context) -> tuple[dict, dict]:
    return counts_by_period(ctx, Promotion.sent_at, None, joins=((Promotion, Promotion.profile_id == Profile.id),))


def first_proposal():
    """Subquery: each person's first day put forward to a cellule (profile_id, first_at)."""
    return (select(ProfileProposal.profile_id.label("profile_id"),
                   func.min(ProfileProposal.created_at).label("first_at"))
            .group_by(ProfileProposal.profile_id).subquery())


def cumulative(stopped: dict[int, Shown], total: Shown) -> dict[int, Shown]:
    """Promotions having reached each step, from those that stopped at each one. A step is
    published only when its figure cannot give a masked one back by subtraction: all steps
    before it are published (total minus them), or all steps from it on (their sum)."""
    ranks = sorted(stopped)
    reached = {}
    for rank in ranks:
        before, after = [stopped[r] for r in ranks if r < rank], [stopped[r] for r in ranks if r >= rank]
        if not any(s.hidden for s in after):
            reached[rank] = Shown(sum(s.value for s in after))
        elif not total.hidden and not any(s.hidden for s in before):
            reached[rank] = Shown(total.value - sum(s.value for s in before))
        else:
            reached[rank] = Shown(None, "secondary")
    return reached


def _steps(ctx: Context) -> tuple[dict[int, Shown], dict[int, Shown]]:
    """Promotions started in the period (and the previous one) having reached each step."""
    rank = case(*((PromotionStep.kind == kind, value) for kind, value in STEP_RANKS.items()), else_=0)
    which, window = period_window(Promotion.created_at, ctx.period, ctx.previous, on_dates=False)
    furthest = (select(Profile.organisation_id.label("organisation_id"), which.label("period"),
                       func.coalesce(func.max(rank), 0).label("reached"))
                .select_from(Promotion).join(Profile, Profile.id == Promotion.profile_id)
                .outerjoin(PromotionStep, PromotionStep.promotion_id == Promotion.id)
                .where(ctx.in_territory(Profile.pole_id), *window)
                .group_by(Promotion.id, Profile.organisation_id, which)).subquery()
    counts: dict[str, dict] = {NOW: {}, BEFORE: {}}
    for organisation, period, reached, n in db.session.execute(
            select(furthest.c.organisation_id, furthest.c.period, furthest.c.reached, func.count())
            .group_by(furthest.c.organisation_id, furthest.c.period, furthest.c.reached)):
        counts[period][organisation, int(reached)] = int(n)
    tables = (protect(counts[NOW], PIPELINE), protect(counts[BEFORE], PIPELINE))
    return tuple(cumulative(t.view(ctx.organisation_id), t.view_total(ctx.organisation_id)) for t in tables)


@indicator("funnel.pipeline", "funnel", "Du profil proposé à l'embauche", 10)
def pipeline(ctx: Context) -> Result:
    """Promotions started in the period, by the furthest step reached, shown as a funnel."""
    steps, before = _steps(ctx)
    conversions = [rate_text(steps[r], steps[r - 1]) for r in list(PIPELINE)[1:]]
    return Result(
        key="funnel.pipeline", title="Du profil proposé à l'embauche",
        explanation="Promotions (un profil présenté à un employeur) commencées pendant la période, "
        "selon l'étape la plus avancée atteinte à ce jour, et le taux de passage d'une étape à "
        "la suivante. Une embauche sans entretien compte comme ayant passé l'étape « entretien ».",
        headlines=(count_headline("promotions commencées", steps[0], before[0], ctx),
                   count_headline("embauches issues de ces promotions", steps[4], before[4], ctx,
                                  higher_is_better=True),
                   Headline("des promotions mènent à l'embauche",
                            rate_text(steps[4], steps[0]))),
        chart=funnel("chart-funnel", "Entonnoir de la promotion des profils",
                     [Bar(PIPELINE[r], steps[r].value, steps[r].text) for r in PIPELINE], conversions),
        table=Table(("Étape", "Promotions", "Passage depuis l'étape précédente", "Période précédente"),
                    tuple((PIPELINE[r], steps[r].text, "—" if r == 0 else conversions[r - 1],
                           before[r].text) for r in PIPELINE)),
        has_masked=any(s.hidden for s in [*steps.values(), *before.values()]),
    )


def _reasons(ctx: Context, kind: str, reasons: dict[str, str], key: str, title: str,
             explanation: str) -> Result:
    conditions = [PromotionStep.kind == kind, PromotionStep.at >= ctx.period.start_at,
                  PromotionStep.at < ctx.period.end_at]
    labels = {**reasons, "": "Motif non précisé"}
    joins = (*TO_PROFILE, (PromotionStep, PromotionStep.promotion_id == Promotion.id))
    table = people_table(ctx, func.coalesce(PromotionStep.reason, ""), labels,
                         and_(*conditions), source=PROMOTIONS, joins=joins)
    figures, total = table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)
    shown = {k: v for k, v in labels.items() if figures[k].hidden or figures[k].value}
    return Result(
        key=key, title=title, explanation=explanation,
        headlines=(snapshot_headline("réponses négatives", total),),
        chart=bar_chart(f"chart-{key.replace('.', '-')}", title, bars(shown, figures)) if shown else None,
        table=Table(("Motif", "Promotions"), figure_rows(labels, figures) + (("Total", total.text),)),
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )


@indicator("funnel.refusals", "funnel", "Pourquoi les employeurs ne donnent pas suite", 20)
def refusals(ctx: Context) -> Result:
    return _reasons(ctx, "not_interested", NOT_INTERESTED_REASONS, "funnel.refusals",
                    "Pourquoi les employeurs ne donnent pas suite",
                    "Réponses « pas intéressé » des employeurs reçues pendant la période, par motif.")


@indicator("funnel.not_hired", "funnel", "Pourquoi une promotion n'aboutit pas à l'embauche", 30)
def not_hired(ctx: Context) -> Result:
    return _reasons(ctx, "not_hired", NOT_HIRED_REASONS, "funnel.not_hired",
                    "Pourquoi une promotion n'aboutit pas à l'embauche",
                    "Promotions closes sans embauche pendant la période, par motif.")
