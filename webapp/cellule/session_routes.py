"""The session screen: assign a CRE to each person put forward, type decisions and actions live
(htmx, no reload; one poll per open screen brings back the lists someone else changed, so
everyone sees everyone's lines), edit the header, close the minutes; and each person's open
actions."""

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.accounts.models import User
from webapp.cellule.assign import assign_proposal
from webapp.cellule.calendar import at_local_time, local_day, local_time
from webapp.cellule.common import load_line, load_proposal, load_session
from webapp.cellule.forms import AssignForm, HeaderForm, LineForm, ask_unusual_session_day
from webapp.cellule.routes import blueprint
from webapp.cellule.screen import (
    assign_block,
    block_id_of,
    changed_blocks,
    line_block,
    owners_of,
    session_screen,
)
from webapp.cellule.session import (
    HeaderInput,
    LineInput,
    add_line,
    close_session,
    mark_done,
    open_actions,
    strike_line,
    update_header,
)
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.errors import DomainError, Invalid
from webapp.core.forms import committed, put_problems, validated
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.extensions import db
from webapp.profiles.labels import person_label, shows_person
from webapp.profiles.shown import log_shown


def _line_form(block_id: str, owners, formdata=None) -> LineForm:
    form = LineForm(formdata=formdata, prefix=f"l{block_id}")
    form.owner_id.choices = choices([(None, "— Personne —"), *owners])
    return form


@blueprint.get("/seances/<int:session_id>")
def session(session_id: int):
    session = load_session(session_id)
    header = HeaderForm(
        formdata=None,
        day=local_day(session.scheduled_at),
        start=local_time(session.scheduled_at),
        place=session.place,
        summary=session.summary,
        version=session.version,
    )
    return _render_session(session, header)


def _render_session(session, header: HeaderForm) -> str:
    screen = session_screen(current_user, session, clock.now())
    shown = screen.shown_references
    log_shown(current_user, list(shown), "shortlist", references=shown)
    html = render_template(
        "cellule/session.html", screen=screen, header=header, line_form=_line_form
    )
    db.session.commit()  # after rendering: a commit expires what the page reads
    return html


def _render_lines(
    session, proposal_id: int | None, form=None, status: int = 200, with_form: bool = False
):
    """The list of a block's lines; with its entry form after a line was typed."""
    block = line_block(current_user, session, proposal_id)
    template = "cellule/_lines.html" if with_form else "cellule/_line_list.html"
    form = form or _line_form(block.block_id, block.owners)
    html = render_template(template, block=block, session=session, form=form)
    return vary_on_htmx(make_response(html, status))


def _proposal_arg() -> int | None:
    value = request.values.get("proposal", "")
    return int(value) if value.isdigit() else None


@blueprint.get("/seances/<int:session_id>/lignes/changements")
def changed_lines(session_id: int):
    """The screen's one poll: the lists changed since it showed them, swapped out of band; 204
    when none did."""
    seen = {key.removeprefix("etat-"): value for key, value in request.args.items()
            if key.startswith("etat-")}
    session = load_session(session_id)
    blocks = changed_blocks(current_user, session, seen)
    if not blocks:
        return vary_on_htmx(make_response("", 204))
    html = render_template("cellule/_changed_lines.html", blocks=blocks, session=session)
    return vary_on_htmx(make_response(html))


@blueprint.post("/seances/<int:session_id>/lignes")
def add(session_id: int):
    session = load_session(session_id, "cellule.minute")
    proposal_id = _proposal_arg()
    form = _line_form(block_id_of(proposal_id), owners_of(session), request.form)
    if not form.validate_on_submit():
        return _render_lines(session, proposal_id, form, 422, with_form=True)
    with committed(None, form) as post:
        add_line(
            current_user,
            session,
            LineInput(
                form.kind.data,
                form.text.data or "",
                form.owner_id.data,
                form.due_on.data,
                proposal_id,
            ),
            clock.now(),
        )
    if not post.ok:
        return _render_lines(load_session(session_id), proposal_id, form, 422, with_form=True)
    if not is_fragment_request():
        return redirect(
            url_for(
                "cellule.session", session_id=session_id, _anchor=f"bloc-{proposal_id or 'general'}"
            ),
            code=303,
        )
    return _render_lines(session, proposal_id, with_form=True)


def _line_changed(line, change):
    """After striking a line or marking it done: the fresh list (or the home page's), or a 303."""
    session_id, proposal_id = line.session_id, line.proposal_id
    from_home = request.form.get("from") == "home"
    back = url_for("accounts.home") if from_home else url_for("cellule.session", session_id=session_id)
    try:
        change(current_user, line, clock.now())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back, code=303)
    db.session.commit()
    if is_fragment_request() and from_home:
        return _render_my_actions("cellule/_my_actions.html")
    if is_fragment_request():
        return _render_lines(load_session(session_id), proposal_id)
    return redirect(back, code=303)


@blueprint.post("/lignes/<int:line_id>/barrer")
def strike(line_id: int):
    return _line_changed(load_line(line_id), strike_line)


@blueprint.post("/lignes/<int:line_id>/fait")
def done(line_id: int):
    return _line_changed(load_line(line_id), mark_done)


@blueprint.post("/propositions/<int:proposal_id>/confier")
def assign(proposal_id: int):
    proposal = load_proposal(proposal_id, "cellule.run")
    form = AssignForm()
    cre = (
        db.session.get(User, form.cre_id.data)
        if form.validate_on_submit() and form.cre_id.data
        else None
    )
    error = None
    try:
        if cre is None:
            raise DomainError("CRE : choisissez un CRE membre de la cellule.")
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        assign_proposal(current_user, proposal, cre, version, clock.now())
    except DomainError as caught:
        db.session.rollback()
        error = caught.message
    else:
        db.session.commit()
    if not is_fragment_request():
        flash(error or f"Profil confié à {cre.display_name}.", "error" if error else "success")
        return redirect(
            url_for(
                "cellule.session", session_id=proposal.session_id, _anchor=f"bloc-{proposal_id}"
            ),
            code=303,
        )
    proposal = load_proposal(proposal_id)
    block = assign_block(current_user, proposal.session, proposal_id, clock.now())
    html = render_template("cellule/_assign.html", block=block, error=error, assigned=error is None)
    return vary_on_htmx(make_response(html, 422 if error else 200))


@blueprint.post("/seances/<int:session_id>/en-tete")
def header(session_id: int):
    session = load_session(session_id, "cellule.run")
    form = HeaderForm(day=local_day(session.scheduled_at))  # the day as it was: not asked
    if form.validate_on_submit():
        try:
            ask_unusual_session_day(form)
        except Invalid as question:  # the page again, what was typed kept, to confirm
            put_problems(form, question)
            return _render_session(session, form), 422
    with committed("En-tête de la séance enregistré."):
        validated(form)
        update_header(
            current_user,
            session,
            HeaderInput(
                at_local_time(form.day.data, form.start.data),
                form.place.data or "",
                form.summary.data or "",
            ),
            int(form.version.data or 0),
        )
    return redirect(url_for("cellule.session", session_id=session_id), code=303)


@blueprint.post("/seances/<int:session_id>/clore")
def close(session_id: int):
    session = load_session(session_id, "cellule.run")
    try:
        close_session(current_user, session, int(request.form.get("version") or 0), clock.now())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("cellule.session", session_id=session_id), code=303)
    db.session.commit()
    flash(
        "Compte rendu clos. Les actions restent sur la page d'accueil de leurs responsables.",
        "success",
    )
    return redirect(url_for("cellule.minutes", session_id=session_id), code=303)


def _render_my_actions(template: str):
    actions = open_actions(current_user)
    labels = {
        line.id: person_label(line.proposal.profile, current_user)
        for line in actions
        if line.proposal
    }
    shown = [
        line.proposal.profile_id
        for line in actions
        if line.proposal and shows_person(line.proposal.profile, current_user)
    ]
    log_shown(current_user, shown, "shortlist")
    db.session.commit()
    return vary_on_htmx(make_response(render_template(template, actions=actions, labels=labels)))


@blueprint.get("/mes-actions")
def my_actions():
    return _render_my_actions(
        "cellule/_my_actions.html" if is_fragment_request() else "cellule/my_actions.html"
    )
