"""Employment events held on the territory (forums, job datings, company visits...), by
kind, and the people invited to them (a count of people: masked under 5)."""

from datetime import timedelta

from sqlalchemy import func, select

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import Bar, bar_chart
from webapp.dashboard.indicators.counting import Source, count_headline, one_count, people_table
from webapp.dashboard.indicators.period import Period
from webapp.dashboard.indicators.privacy import Shown, plain
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, count_trend
from webapp.events.models import EVENT_TYPES, EmploymentEvent, EventInvitation
from webapp.extensions import db


def _held(ctx: Context, period: Period, one_organisation: bool = True) -> list:
    """Events of the territory held in the period (up to today: later ones are only planned),
    those of the chosen organisation only when `one_organisation`."""
    last = min(period.end, ctx.now.date() + timedelta(days=1))
    conditions = [ctx.in_territory(EmploymentEvent.pole_id), EmploymentEvent.on >= period.start,
                  EmploymentEvent.on < last]
    if one_organisation and ctx.organisation_id is not None:
        conditions.append(EmploymentEvent.organisation_id == ctx.organisation_id)
    return conditions


INVITATIONS = Source(table=EventInvitation, person=EventInvitation.profile_id,
                     organisation=EmploymentEvent.organisation_id, pole=EmploymentEvent.pole_id)


def _invited(ctx: Context, period: Period) -> Shown:
    """People invited to the events held, by organiser, protected across organisers."""
    table = people_table(ctx, None, (), *_held(ctx, period, one_organisation=False), source=INVITATIONS,
                         joins=((EmploymentEvent, EmploymentEvent.id == EventInvitation.event_id),))
    return one_count(table, ctx)


@indicator("events.held", "events", "Événements emploi organisés", 10)
def held(ctx: Context) -> Result:
    """Events held in the period by kind, and the people invited to them."""
    by_kind = dict(db.session.execute(select(EmploymentEvent.kind, func.count())
                                      .where(*_held(ctx, ctx.period)).group_by(EmploymentEvent.kind)).all())
    before = db.session.scalar(select(func.count()).where(*_held(ctx, ctx.previous))) or 0
    total = sum(by_kind.values())
    invited, invited_before = _invited(ctx, ctx.period), _invited(ctx, ctx.previous)
    figures = [(label, int(by_kind.get(kind, 0))) for kind, label in EVENT_TYPES.items()]
    return Result(
        key="events.held", title="Événements emploi organisés",
        explanation="Forums, job datings, visites d'entreprise, réunions d'information et rallyes "
        "tenus pendant la période sur le territoire, et personnes qui y ont été invitées. Pour une "
        "organisation : les événements qu'elle a organisés (une personne invitée par deux "
        "organisateurs compte pour chacun).",
        headlines=(Headline("événements tenus", number_fr(total), "",
                            count_trend(plain(total), plain(before), ctx.previous_label, True)),
                   count_headline("personnes invitées", invited, invited_before, ctx)),
        chart=bar_chart("chart-events", "Événements tenus, par type",
                        [Bar(label, value, number_fr(value)) for label, value in figures]),
        table=Table(("Type d'événement", "Événements"), tuple((label, number_fr(v)) for label, v in figures)
                    + (("Personnes invitées", invited.text),)),
        has_masked=invited.hidden or invited_before.hidden,
    )
