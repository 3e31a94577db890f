"""Notices on a schedule besides the reminders: the animateurs learn N days before a session
that its agenda is ready (AGENDA_NOTICE_DAYS) and, once a week, how many of their cellule's
actions are overdue; the direction receives on the 1st the last month's indicators against
their targets, as the dashboard publishes them (figures only, small cells masked).

Once each, like the reminders (ReminderStamp keys, see reminders.give)."""

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select

from webapp.accounts.models import Membership, User
from webapp.cellule.agenda import build_agenda
from webapp.cellule.cellules import members_by_role
from webapp.cellule.models import Cellule, CelluleSession, SessionLine
from webapp.core import clock
from webapp.core.formatting import date_fr
from webapp.core.notify import record_path
from webapp.dashboard.indicators.access import access_for, territory_label
from webapp.dashboard.indicators.dashboard import Selection, dashboard
from webapp.dashboard.indicators.period import Period
from webapp.extensions import db
from webapp.notifications.reminders import give

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def agendas_ready() -> int:
    """Each planned session starting within AGENDA_NOTICE_DAYS: its animateurs, once."""
    now, given = clock.now(), 0
    days = current_app.config.get("AGENDA_NOTICE_DAYS", 3)
    sessions = db.session.scalars(select(CelluleSession).where(
        CelluleSession.status == "planned", CelluleSession.scheduled_at > now,
        CelluleSession.scheduled_at <= now + timedelta(days=days)))
    for session in sessions:
        animateurs = members_by_role(session.cellule, "animateur")
        if not animateurs:
            continue
        agenda = build_agenda(session, animateurs[0])
        count = sum(len(s.entries) + s.left_out for s in agenda.sections)
        given += give(f"agenda:{session.id}", "agenda_ready", [u.id for u in animateurs],
                      record_type="cellule_session", record_id=session.id,
                      url=record_path("cellule.session", session_id=session.id),
                      params={"on": date_fr(clock.aware(session.scheduled_at).astimezone(clock.PARIS)),
                              "cellule": session.cellule.name, "count": count})
    return given


def overdue_by_cellule() -> int:
    """Once a week (ISO week in the key): each cellule's overdue actions, to its animateurs."""
    today, given = clock.today(), 0
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    rows = db.session.execute(
        select(CelluleSession.cellule_id, func.count(SessionLine.id))
        .join(SessionLine, SessionLine.session_id == CelluleSession.id)
        .where(SessionLine.kind == "action", SessionLine.done_at.is_(None),
               SessionLine.struck_at.is_(None), SessionLine.due_on < today)
        .group_by(CelluleSession.cellule_id))
    for cellule_id, count in rows.all():
        cellule = db.session.get(Cellule, cellule_id)
        animateurs = [u.id for u in members_by_role(cellule, "animateur")]
        given += give(f"cellule-overdue:{cellule_id}:{week}", "actions_overdue", animateurs,
                      record_type="cellule", record_id=cellule_id,
                      url=record_path("cellule.index"),
                      params={"count": count, "cellule": cellule.name})
    return given


def last_month(today: date) -> Period:
    first = today.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return Period(previous, first, "perso")


def summary_lines(user: User, pole_id: int | None, organisation_id: int | None,
                  period: Period) -> list[str]:
    """The dashboard's published figures set beside a target (masked cells stay masked)."""
    board = dashboard(user, Selection(pole_id, organisation_id, period), clock.now(),
                      current_app.config["STALE_PROFILE_WEEKS"])
    lines = []
    for section in board.sections:
        for result in section.results:
            if not result.targets or not result.headlines:
                continue
            figures = " ; ".join(f"{h.label} : {h.value}" for h in result.headlines)
            lines.append(f"- {result.title} : {figures} (repère : {result.targets[0]})")
    return lines


def monthly_summaries() -> int:
    """The direction's summary of last month, once per user and month."""
    period = last_month(clock.today())
    month = f"{MONTHS[period.start.month - 1]} {period.start.year}"
    given = 0
    users = db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.role == "direction", User.active.is_(True)).distinct())
    for user in users:
        grants = access_for(user).grants
        if not grants:
            continue
        pole_id = grants[0].pole_id
        key = f"monthly:{user.id}:{period.start:%Y-%m}"
        lines = (summary_lines(user, pole_id, grants[0].organisation_id, period)
                 or ["- aucun indicateur avec objectif."])
        given += give(key, "monthly_summary", [user.id], record_type="dashboard",
                      url=record_path("dashboard.index"),
                      params={"month": month, "territory": territory_label(pole_id),
                              "figures": "\n".join(lines)})
    return given


NOTICES = (agendas_ready, overdue_by_cellule)
