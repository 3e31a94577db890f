"""Employment events of the territory: the programme, an event's page, creating and editing one
(with the same-day warning), attaching employers and offers, inviting people."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.dates import ask_unusual_dates
from webapp.core.errors import DomainError
from webapp.core.forms import committed, form_post
from webapp.core.partner_links import mes_rdv_emploi
from webapp.core.permissions import can, may
from webapp.core.web import allowed, get_or_404, require
from webapp.events import planning as service
from webapp.events.forms import EventCompanyForm, EventForm, EventOfferForm, InviteForm
from webapp.events.models import EmploymentEvent
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.profiles.shown import log_shown
from webapp.reference.places import place_label

blueprint = Blueprint("events", __name__, url_prefix="/cellule/evenements")

@blueprint.get("")
@allowed("event.view")
def index():
    require(current_user, "event.view")
    return render_template(
        "events/index.html",
        events=service.upcoming_events(current_user, clock.now().date()),
        may_create=may(current_user, "event.manage"),
        rdv_emploi=mes_rdv_emploi() if may(current_user, "event.partner_links") else None,
    )


def _event_form(event: EmploymentEvent | None) -> EventForm:
    form = EventForm(obj=event)  # on a POST, what was typed; the event's values as the start
    form.sector.choices = choices([("", "— Tous secteurs —"), *service.sectors()])
    if event is not None and request.method == "GET":
        form.sector.data, form.version.data = event.sector or "", event.version
    return form


def _values(form: EventForm) -> service.EventInput:
    return service.EventInput(
        form.kind.data,
        form.title.data or "",
        form.on.data,
        form.commune_insee.data or "",
        form.start_time.data,
        form.address.data or "",
        form.sector.data or "",
        form.description.data or "",
    )


def _render_event_form(form: EventForm, event: EmploymentEvent | None, clash: str = ""):
    place = place_label(form.commune_insee.data) or request.form.get("commune_insee-search", "")
    status = 422 if request.method == "POST" else 200
    return render_template(
        "events/form.html", form=form, event=event, place=place, clash=clash
    ), status


def _save_event(form: EventForm, event: EmploymentEvent | None):
    """Create or update (a 303), or the form again: with every problem, or the same-day warning
    to confirm."""
    confirmed = form.confirmed.data == "oui"

    def save() -> EmploymentEvent:
        ask_unusual_dates(form, form.on, today=clock.today())
        if event is None:
            return service.create_event(current_user, _values(form), clock.now(), confirmed)
        service.update_event(
            current_user, event, _values(form), int(form.version.data or 0), clock.now(), confirmed
        )
        return event

    try:
        done = form_post(form, save, "Événement enregistré.",
                         lambda saved: url_for("events.show", event_id=saved.id),
                         check=lambda: service.check_event(_values(form), clock.today()),
                         passes=(service.SameDayEvents,))
    except service.SameDayEvents as clash:
        form.confirmed.data = "oui"
        return _render_event_form(
            form, event and db.session.get(EmploymentEvent, event.id), clash.message
        )
    return done or _render_event_form(form, event and db.session.get(EmploymentEvent, event.id))


@blueprint.route("/nouveau", methods=["GET", "POST"])
@allowed("event.view")
def new():
    require(current_user, "event.manage")
    return _save_event(_event_form(None), None)


@blueprint.route("/<int:event_id>/modifier", methods=["GET", "POST"])
@allowed("event.view")
def edit(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.manage")
    return _save_event(_event_form(event), event)


@blueprint.get("/<int:event_id>")
@allowed("event.view")
def show(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.view")
    invitations = service.visible_invitations(current_user, event)
    log_shown(current_user, [i.profile_id for i in invitations], "shortlist")
    db.session.commit()
    offer_form, invite_form = EventOfferForm(formdata=None), InviteForm(formdata=None)
    offer_form.offer_id.choices = choices(
        (o.id, f"{o.title} ({o.reference})") for o in service.offer_choices(current_user, event)
    )
    invite_form.profile_id.choices = choices(
        (p.id, p.display_label) for p in service.invitable_profiles(current_user, event)
    )
    return render_template(
        "events/show.html",
        event=event,
        invitations=invitations,
        company_form=EventCompanyForm(formdata=None),
        offer_form=offer_form,
        invite_form=invite_form,
        may_manage=can(current_user, "event.manage", event),
        may_invite=can(current_user, "event.invite", event),
    )


def _event_change(event_id: int, change, message: str):
    with committed(message):
        change()
    return redirect(url_for("events.show", event_id=event_id), code=303)


@blueprint.post("/<int:event_id>/employeurs")
@allowed("event.view")
def add_company(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.manage")
    form = EventCompanyForm()
    company = (
        db.session.get(Company, int(form.company_id.data))
        if (form.company_id.data or "").isdigit()
        else None
    )
    return _event_change(
        event_id, lambda: service.add_company(current_user, event, company), "Employeur ajouté."
    )


@blueprint.post("/<int:event_id>/offres")
@allowed("event.view")
def add_offer(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.manage")
    form = EventOfferForm()
    offer = (
        db.session.get(Offer, form.offer_id.data)
        if form.validate_on_submit() and form.offer_id.data
        else None
    )
    return _event_change(
        event_id, lambda: service.add_offer(current_user, event, offer), "Offre ajoutée."
    )


@blueprint.post("/<int:event_id>/invitations")
@allowed("event.view")
def invite(event_id: int):
    event = get_or_404(EmploymentEvent, event_id, current_user, "event.invite")
    form = InviteForm()
    profile = (
        get_or_404(Profile, form.profile_id.data, current_user, "profile.edit")
        if form.validate_on_submit() and form.profile_id.data
        else None
    )

    def change():
        if profile is None:
            raise DomainError("Personne : choisissez quelqu'un dans la liste.")
        service.invite(current_user, event, profile, clock.now())

    return _event_change(event_id, change, "Invitation enregistrée.")
