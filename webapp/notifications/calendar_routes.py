"""Calendars: the private feed (secret, revocable URL) and the ".ics" of a session or event."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from webapp.cellule.common import load_session
from webapp.core.web import get_or_404
from webapp.events.models import EmploymentEvent
from webapp.extensions import db
from webapp.immersions.models import Immersion
from webapp.notifications import calendar_items, ics
from webapp.notifications.compose import absolute
from webapp.notifications.forms import ActionForm
from webapp.notifications.routes import blueprint
from webapp.promotions.models import Promotion

ICS = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> Response:
    return Response(body, mimetype="text/calendar", headers={
        "Content-Type": ICS, "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store"})


@blueprint.route("/notifications/agenda", methods=["GET", "POST"])
@login_required
def calendar():
    """Create or replace the feed's secret URL (shown once), or revoke it."""
    form, new_url = ActionForm(), None
    if form.validate_on_submit():
        token = ics.new_feed_token(current_user)
        db.session.commit()
        new_url = url_for("notifications.calendar_feed", token=token, _external=True)
    return render_template("notifications/calendar.html", form=form, new_url=new_url,
                           has_feed=ics.has_feed(current_user))


@blueprint.post("/notifications/agenda/revoquer")
@login_required
def revoke_calendar():
    ics.revoke_feed(current_user)
    db.session.commit()
    flash("L'adresse de votre agenda est révoquée : les calendriers abonnés ne la liront plus.", "info")
    return redirect(url_for("notifications.calendar"), code=303)


@blueprint.get("/agenda/<token>.ics")
def calendar_feed(token: str):
    """The feed itself: no login, the secret in the URL is the key."""
    user = ics.user_of_feed(token)
    if user is None:
        abort(404)
    return _ics(ics.feed_for(user, absolute), "passerelle.ics")


@blueprint.get("/cellule/seances/<int:session_id>.ics")
@login_required
def session_ics(session_id: int):
    session = load_session(session_id)
    item = ics.session_event(session, absolute(url_for("cellule.session", session_id=session.id)))
    return _ics(ics.one_item_calendar(session.cellule.name, item), f"seance-{session.id}.ics")


@blueprint.get("/cellule/evenements/<int:event_id>.ics")
@login_required
def event_ics(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.view")
    item = ics.employment_event(event, absolute(url_for("events.show", event_id=event.id)))
    return _ics(ics.one_item_calendar(event.title, item), f"evenement-{event.id}.ics")


@blueprint.get("/immersions/<int:immersion_id>.ics")
@login_required
def immersion_ics(immersion_id: int):
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.view")
    item = calendar_items.immersion_event(
        immersion, absolute(url_for("immersions.detail", immersion_id=immersion.id)))
    return _ics(ics.one_item_calendar(f"Immersion {immersion.reference}", item),
                f"immersion-{immersion.reference}.ics")


@blueprint.get("/promotions/<int:promotion_id>.ics")
@login_required
def promotion_ics(promotion_id: int):
    """The card's interview and immersion dates (none yet: an empty calendar)."""
    promotion = get_or_404(Promotion, promotion_id, current_user, "promotion.follow")
    calendar = ics.named_calendar(f"Carte {promotion.reference}")
    for item in calendar_items.promotion_events(
            promotion, absolute(url_for("promotions.detail", promotion_id=promotion.id))):
        calendar.add_component(item)
    return _ics(calendar.to_ical(), f"carte-{promotion.reference}.ics")
