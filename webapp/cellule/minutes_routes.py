"""The minutes of a session: a printable page, a PDF and the CSV of actions."""

from flask import make_response, render_template
from flask_login import current_user

from webapp.cellule.calendar import local_day
from webapp.cellule.common import load_session
from webapp.cellule.minutes import action_profile_ids, actions_sheet, minutes_of, minutes_pdf
from webapp.cellule.routes import blueprint
from webapp.core import clock
from webapp.core.tabular_export import download
from webapp.extensions import db
from webapp.profiles.shown import log_shown


def _filename(session, extension: str) -> str:
    return f"cellule-{session.cellule_id}-{local_day(session.scheduled_at):%Y-%m-%d}.{extension}"


@blueprint.get("/seances/<int:session_id>/compte-rendu")
def minutes(session_id: int):
    session = load_session(session_id, with_poles=True)
    record = minutes_of(session, current_user)
    log_shown(current_user, record.agenda.profile_ids, "shortlist")
    db.session.commit()
    return render_template("cellule/minutes.html", minutes=record, session=session)


@blueprint.get("/seances/<int:session_id>/compte-rendu.pdf")
def minutes_as_pdf(session_id: int):
    session = load_session(session_id, with_poles=True)
    record = minutes_of(session, current_user)
    log_shown(current_user, record.agenda.profile_ids, "shortlist")
    db.session.commit()
    response = make_response(minutes_pdf(record, clock.now()))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename(session, "pdf")}"'
    return response


@blueprint.get("/seances/<int:session_id>/actions.csv")
def actions_as_csv(session_id: int):
    return _actions(session_id, "csv")


@blueprint.get("/seances/<int:session_id>/actions.xlsx")
def actions_as_xlsx(session_id: int):
    return _actions(session_id, "xlsx")


def _actions(session_id: int, kind: str):
    session = load_session(session_id)
    log_shown(current_user, action_profile_ids(session, current_user), "shortlist")
    db.session.commit()
    stem = _filename(session, kind).removesuffix(f".{kind}") + "-actions"
    return download(actions_sheet(session, current_user), stem, kind)
