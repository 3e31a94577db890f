"""The agenda of a session: read it, reorder and annotate it (htmx), add points; the offers
matching suggests for each person put forward come in lazily."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.cellule.agenda import FOLD, build_agenda, references_of
from webapp.cellule.agenda_edit import add_free_entry, annotate_entry, move_entry
from webapp.cellule.common import load_proposal, load_session
from webapp.cellule.forms import FreeEntryForm, NoteForm
from webapp.cellule.routes import blueprint
from webapp.core.choices import choices
from webapp.core.errors import DomainError
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.profiles.labels import person_label, shows_person
from webapp.profiles.shown import log_shown
from webapp.shortlists.live import offers_for_profile

SUGGESTED_OFFERS = 3


def _render_agenda(session, status: int = 200, error: str | None = None, whole: bool = False):
    """The agenda, its sections folded after FOLD entries unless `whole`."""
    agenda = build_agenda(session, current_user, None if whole else FOLD)
    log_shown(current_user, agenda.profile_ids, "shortlist", references=agenda.profile_references)
    form = FreeEntryForm(formdata=None)
    form.section.choices = choices((s.key, s.title) for s in agenda.sections)
    template = "cellule/_agenda.html" if is_fragment_request() else "cellule/agenda.html"
    html = render_template(
        template,
        session=session,
        agenda=agenda,
        free_form=form,
        error=error,
        may_run=_may_run(session),
    )
    db.session.commit()  # after rendering: a commit expires what the page reads
    return vary_on_htmx(make_response(html, status))


def _may_run(session) -> bool:
    return can(current_user, "cellule.run", session.cellule) and session.status == "planned"


@blueprint.get("/seances/<int:session_id>/ordre-du-jour")
def agenda(session_id: int):
    return _render_agenda(load_session(session_id, with_poles=True),
                          whole=request.args.get("complet") == "1")


@blueprint.get("/seances/<int:session_id>/ordre-du-jour/sections/<key>")
def agenda_section(session_id: int, key: str):
    """One section whole (« voir les autres », htmx); the whole agenda without htmx."""
    if not is_fragment_request():
        return redirect(url_for("cellule.agenda", session_id=session_id, complet=1,
                                _anchor=f"bloc-{key}"), code=303)
    session = load_session(session_id, with_poles=True)
    section = next((s for s in build_agenda(session, current_user).sections if s.key == key), None)
    if section is None:
        abort(404)
    page = url_for("cellule.agenda", session_id=session_id)
    log_shown(current_user, sorted(section.profile_ids), "shortlist", section_of=page,
              references=references_of([section]))
    html = render_template("cellule/_agenda_section.html", session=session, section=section,
                           may_run=_may_run(session))
    db.session.commit()
    return vary_on_htmx(make_response(html))


def _after_change(session_id: int, error: DomainError | None, message: str):
    """The fresh agenda for htmx (422 on a refusal), a 303 back to it otherwise."""
    if error is not None:
        db.session.rollback()
    else:
        db.session.commit()
    if is_fragment_request():
        return _render_agenda(
            load_session(session_id, with_poles=True), 422 if error else 200,
            error.message if error else None,
        )
    flash(error.message if error else message, "error" if error else "success")
    return redirect(url_for("cellule.agenda", session_id=session_id), code=303)


@blueprint.post("/seances/<int:session_id>/ordre-du-jour/deplacer")
def move(session_id: int):
    session = load_session(session_id, "cellule.run", with_poles=True)
    try:
        move_entry(
            current_user, session, request.form.get("key", ""), request.form.get("direction", "")
        )
    except DomainError as error:
        return _after_change(session_id, error, "")
    return _after_change(session_id, None, "Ordre du jour modifié.")


@blueprint.post("/seances/<int:session_id>/ordre-du-jour/note")
def annotate(session_id: int):
    session = load_session(session_id, "cellule.run", with_poles=True)
    form = NoteForm()
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        _check_form(form)
        annotate_entry(current_user, session, form.key.data or "", form.note.data or "", version)
    except DomainError as error:
        return _after_change(session_id, error, "")
    return _after_change(session_id, None, "Note enregistrée.")


@blueprint.post("/seances/<int:session_id>/ordre-du-jour/points")
def add_point(session_id: int):
    session = load_session(session_id, "cellule.run", with_poles=True)
    form = FreeEntryForm()
    try:
        _check_form(form)
        add_free_entry(current_user, session, form.section.data or "", form.title.data or "")
    except DomainError as error:
        return _after_change(session_id, error, "")
    return _after_change(session_id, None, "Point ajouté à l'ordre du jour.")


def _check_form(form) -> None:
    """A DomainError carrying the form's own messages when it does not validate."""
    if not form.validate_on_submit():
        raise DomainError(
            " ".join(message for errors in form.errors.values() for message in errors)
        )


@blueprint.get("/propositions/<int:proposal_id>/offres-suggerees")
def suggested_offers(proposal_id: int):
    """The offers matching suggests for a person put forward: lazily in their agenda entry
    (htmx, when the entry comes into view), a page of its own without JavaScript."""
    proposal = load_proposal(proposal_id)
    ranked = offers_for_profile(current_user, proposal.profile, top=SUGGESTED_OFFERS)
    if is_fragment_request():
        html = render_template("cellule/_suggested_offers.html", ranked=ranked, proposal=proposal)
        return vary_on_htmx(make_response(html))
    profile = proposal.profile
    if shows_person(profile, current_user):
        log_shown(current_user, [profile], "shortlist")
    html = render_template("cellule/suggested_offers.html", ranked=ranked, proposal=proposal,
                           person=person_label(profile, current_user))
    db.session.commit()  # the access-log row, once the page is made
    return vary_on_htmx(make_response(html))
