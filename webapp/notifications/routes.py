"""The bell, the list of notifications, the preferences, unsubscribing, and the failures page."""

from functools import cache

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import bindparam, func, select, update

from webapp.core import clock
from webapp.core.errors import Invalid
from webapp.core.notify import PENDING_KEY, Notification
from webapp.core.web import allowed
from webapp.extensions import db
from webapp.notifications import delivery, preferences
from webapp.notifications.address import address_problems
from webapp.notifications.compose import sentence_of
from webapp.notifications.forms import ActionForm
from webapp.notifications.kinds import KINDS, MODES, kinds_for
from webapp.notifications.tasks import hand_over
from webapp.profiles.shown import log_shown

blueprint = Blueprint("notifications", __name__)
LIST_SIZE = 50


@blueprint.after_app_request
def hand_new_notifications_to_the_queue(response):
    """After the view committed, the queue sends the e-mails (never this request)."""
    ids = db.session.info.pop(PENDING_KEY, None)
    if ids and response.status_code < 500:
        hand_over(ids)
    return response


@cache
def _unread_statement():
    """Built once per process: the count runs on every page (the bell of the header)."""
    return select(func.count(Notification.id)).where(
        Notification.recipient_id == bindparam("user_id"), Notification.read_at.is_(None))


def unread_count(user) -> int:
    return db.session.scalar(_unread_statement(), {"user_id": user.id}) or 0


@blueprint.app_context_processor
def bell_count():
    """The bell of base.html shows the count with the page (no second request per page),
    counted at most once per page however many places show it."""
    return {"unread_notifications": cache(lambda: unread_count(current_user))}


@blueprint.get("/notifications/cloche")
@login_required
def bell():
    """The bell alone (its count), for a page that refreshes it."""
    response = render_template("notifications/_bell.html", unread=unread_count(current_user))
    return response, 200, {"Cache-Control": "no-store", "Vary": "HX-Request"}


@blueprint.get("/notifications/")
@login_required
def index():
    notifications = db.session.scalars(
        select(Notification).where(Notification.recipient_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(LIST_SIZE)
    ).all()
    rows = [{"n": n, "sentence": sentence_of(n), "label": KINDS[n.kind].label}
            for n in notifications if n.kind in KINDS and KINDS[n.kind].in_app]
    named = [row["n"].params.get("profile_id") for row in rows if row["n"].params.get("profile_id")]
    if named:  # a sentence names a person (their label): the access log says who read it
        log_shown(current_user, named)
        db.session.commit()
    return render_template("notifications/index.html", rows=rows, form=ActionForm())


@blueprint.post("/notifications/<int:notification_id>/ouvrir")
@login_required
def open_one(notification_id: int):
    """Mark it read and go to the record."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.recipient_id != current_user.id:
        abort(404)
    if notification.read_at is None:
        notification.read_at = clock.now()
        db.session.commit()
    return redirect(notification.url or url_for("notifications.index"), code=303)


@blueprint.post("/notifications/tout-lu")
@login_required
def read_all():
    db.session.execute(update(Notification).where(
        Notification.recipient_id == current_user.id, Notification.read_at.is_(None)
    ).values(read_at=clock.now()))
    db.session.commit()
    flash("Toutes vos notifications sont marquées comme lues.", "info")
    return redirect(url_for("notifications.index"), code=303)


@blueprint.route("/notifications/preferences", methods=["GET", "POST"])
@login_required
def settings():
    form = ActionForm()
    if form.validate_on_submit():
        try:
            for kind_name in kinds_for(current_user.roles):
                preferences.set_mode(current_user, kind_name, request.form.get(kind_name, ""))
        except Invalid as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Vos préférences sont enregistrées.", "info")
            return redirect(url_for("notifications.settings"), code=303)
    rows = [(name, kind.label, mode) for name, kind in kinds_for(current_user.roles).items()
            for mode in [preferences.mode_for(current_user, name)]]
    return render_template("notifications/preferences.html", rows=rows, modes=MODES, form=form,
                           notices=address_problems(current_user))


@blueprint.route("/notifications/desabonnement/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """A signed link per kind: a confirmation page, then the kind is no longer e-mailed."""
    try:
        user, kind_name = preferences.read_unsubscribe_token(token)
    except Invalid as error:
        return render_template("notifications/unsubscribe.html", problem=error.message), 404
    form = ActionForm()
    done = False
    if form.validate_on_submit():
        preferences.set_mode(user, kind_name, "never")
        db.session.commit()
        done = True
    return render_template("notifications/unsubscribe.html", form=form, done=done,
                           label=KINDS[kind_name].label)


@blueprint.get("/admin/notifications/echecs")
@allowed("admin.manage")
def failures():
    """E-mails that failed at least once and are not sent: their reason and next attempt."""
    rows = db.session.scalars(
        select(Notification).where(Notification.email_error != "",
                                   Notification.email_state.in_(("queued", "failed", "sending",
                                                                 "digest_daily", "digest_weekly")))
        .order_by(Notification.created_at.desc()).limit(200)
    ).all()
    return render_template("notifications/failures.html", rows=rows, form=ActionForm(),
                           kinds=KINDS)


@blueprint.post("/admin/notifications/<int:notification_id>/relancer")
@allowed("admin.manage")
def retry(notification_id: int):
    notification = db.session.get(Notification, notification_id) or abort(404)
    delivery.retry_now(notification)
    db.session.commit()
    hand_over([notification.id])
    flash("L'e-mail est remis dans la file d'envoi.", "info")
    return redirect(url_for("notifications.failures"), code=303)
