"""The shared prospection plan: companies followed per organisation and stage, and the
exchanges with companies logged during the period. Companies are not people: no masking."""

from sqlalchemy import func, select

from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import StackRow, stacked_bars
from webapp.dashboard.indicators.privacy import plain
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, count_trend
from webapp.extensions import db
from webapp.prospection.models import (
    CONTACT_OUTCOMES,
    FOLLOWED_STAGES,
    NO_EXCHANGE_CHANNELS,
    TARGET_STAGES,
    CompanyContactLog,
    ProspectionTarget,
)
from webapp.reference.models import Commune


def _by_organisation(rows, categories: dict[str, str], chart_id: str, title: str):
    """Stacked bars and table rows of (organisation name, category, count) rows."""
    matrix: dict[str, dict[str, int]] = {}
    for name, category, count in rows:
        matrix.setdefault(name, {})[category] = int(count)
    names = sorted(matrix, key=lambda n: (-sum(matrix[n].values()), n))
    used = [c for c in categories if any(matrix[n].get(c) for n in names)]
    stack = [StackRow(n, tuple(float(matrix[n].get(c, 0)) for c in used)) for n in names]
    totals = [number_fr(sum(matrix[n].values())) for n in names]
    chart = stacked_bars(chart_id, title, stack, [categories[c] for c in used], totals) if stack else None
    table_rows = tuple((n, *(number_fr(matrix[n].get(c, 0)) for c in categories), totals[i])
                       for i, n in enumerate(names))
    return chart, table_rows


def _targets(ctx: Context) -> list:
    conditions = [ctx.in_territory(ProspectionTarget.pole_id)]
    if ctx.organisation_id is not None:
        conditions.append(ProspectionTarget.organisation_id == ctx.organisation_id)
    return conditions


@indicator("prospection.plan", "prospection", "Plan de prospection par organisation et étape", 10)
def plan(ctx: Context) -> Result:
    """Companies of the plan by lead organisation and stage today; stages moved in the period."""
    rows = db.session.execute(
        select(Organisation.name, ProspectionTarget.stage, func.count())
        .join(Organisation, Organisation.id == ProspectionTarget.organisation_id)
        .where(*_targets(ctx)).group_by(Organisation.name, ProspectionTarget.stage)).all()
    period, previous = ctx.period, ctx.previous
    moved = {}
    for name, span in (("now", period), ("before", previous)):
        moved[name] = db.session.scalar(select(func.count()).where(
            *_targets(ctx), ProspectionTarget.stage_changed_at >= span.start_at,
            ProspectionTarget.stage_changed_at < span.end_at)) or 0
    chart, table_rows = _by_organisation(rows, TARGET_STAGES, "chart-prospection-plan",
                                         "Entreprises du plan, par organisation pilote et étape")
    followed = sum(n for _, stage, n in rows if stage in FOLLOWED_STAGES)
    partners = sum(n for _, stage, n in rows if stage == "regular_partner")
    return Result(
        key="prospection.plan", title="Plan de prospection par organisation et étape",
        explanation="Entreprises du plan de prospection partagé, par organisation qui pilote la "
        "cible et par étape (situation actuelle), et cibles qui ont changé d'étape pendant la période.",
        headlines=(Headline("entreprises en cours de prospection", number_fr(followed)),
                   Headline("partenaires réguliers", number_fr(partners)),
                   Headline("cibles passées à une autre étape", number_fr(moved["now"]), "",
                            count_trend(plain(moved["now"]), plain(moved["before"]), ctx.previous_label, True))),
        chart=chart,
        table=Table(("Organisation", *TARGET_STAGES.values(), "Total"), table_rows),
        note="Étapes : situation actuelle ; changements d'étape : pendant la période.",
    )


def _contacts(ctx: Context, start, end) -> list:
    conditions = [ctx.in_territory(Commune.pole_id), CompanyContactLog.channel.not_in(NO_EXCHANGE_CHANNELS),
                  CompanyContactLog.contacted_on >= start, CompanyContactLog.contacted_on < end]
    if ctx.organisation_id is not None:
        conditions.append(CompanyContactLog.organisation_id == ctx.organisation_id)
    return conditions


def _located(statement):
    """Contacts joined to the commune of their company, which gives their territory."""
    return (statement.join(Company, Company.id == CompanyContactLog.company_id)
            .join(Commune, Commune.insee == Company.commune_insee))


@indicator("prospection.contacts", "prospection", "Échanges avec les entreprises", 20)
def contacts(ctx: Context) -> Result:
    """Exchanges logged during the period, by organisation and outcome."""
    period, previous = ctx.period, ctx.previous
    rows = db.session.execute(_located(
        select(Organisation.name, CompanyContactLog.outcome, func.count())
        .select_from(CompanyContactLog)
        .join(Organisation, Organisation.id == CompanyContactLog.organisation_id))
        .where(*_contacts(ctx, period.start, period.end))
        .group_by(Organisation.name, CompanyContactLog.outcome)).all()
    total = sum(n for *_, n in rows)
    before = db.session.scalar(_located(select(func.count()).select_from(CompanyContactLog))
                               .where(*_contacts(ctx, previous.start, previous.end))) or 0
    companies_now = db.session.scalar(_located(
        select(func.count(func.distinct(CompanyContactLog.company_id))).select_from(CompanyContactLog))
        .where(*_contacts(ctx, period.start, period.end))) or 0
    chart, table_rows = _by_organisation(rows, CONTACT_OUTCOMES, "chart-prospection-contacts",
                                         "Échanges avec les entreprises, par organisation et résultat")
    return Result(
        key="prospection.contacts", title="Échanges avec les entreprises",
        explanation="Appels, visites, courriels, rendez-vous et événements notés dans le journal "
        "des contacts pendant la période (les notes internes ne comptent pas), par organisation "
        "et par résultat.",
        headlines=(Headline("échanges avec des entreprises", number_fr(total), "",
                            count_trend(plain(total), plain(before), ctx.previous_label, True)),
                   Headline("entreprises contactées", number_fr(companies_now))),
        chart=chart,
        table=Table(("Organisation", *CONTACT_OUTCOMES.values(), "Total"), table_rows),
    )
