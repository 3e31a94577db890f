"""Putting a person forward (from the caseload's list or the profile page), taking them back,
and where each of the AE's people stands."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from webapp.cellule.calendar import next_session
from webapp.cellule.cellules import cellule_of_pole
from webapp.cellule.forms import PutForwardForm
from webapp.cellule.journey import journey, standing_rows
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import (
    ProposalNote,
    forwardable_profiles,
    put_forward,
    withdraw_proposal,
)
from webapp.cellule.routes import blueprint
from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.core.formatting import date_fr
from webapp.core.forms import committed
from webapp.core.htmx import vary_on_htmx
from webapp.core.permissions import can
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.profiles.shown import load_shown, log_shown


@blueprint.get("/proposer")
def forwardable():
    require(current_user, "proposal.create")
    people = forwardable_profiles(current_user)
    log_shown(current_user, people, "shortlist")
    db.session.commit()
    return render_template("cellule/forwardable.html", people=people)


@blueprint.route("/proposer/<int:profile_id>", methods=["GET", "POST"])
def put_forward_form(profile_id: int):
    profile = get_or_404(Profile, profile_id, current_user, "proposal.create")
    form = PutForwardForm()
    error = None
    if form.validate_on_submit():
        try:
            proposal = put_forward(
                current_user,
                profile,
                ProposalNote(form.wishes.data or "", form.vouching.data or ""),
                clock.now(),
            )
        except DomainError as caught:
            db.session.rollback()
            error = caught.message
            profile = db.session.get(Profile, profile_id)
        else:
            db.session.commit()
            flash(
                f"{profile.display_label} est proposé(e) à la séance du "
                f"{date_fr(proposal.session.starts_at)} ({proposal.cellule.name}).",
                "success",
            )
            return redirect(url_for("profiles.show", profile_id=profile.id), code=303)
    log_shown(current_user, [profile])
    db.session.commit()
    cellule = cellule_of_pole(profile.pole_id)
    upcoming = next_session(cellule, clock.now()) if cellule else None
    status = 422 if error or form.errors else 200
    return render_template(
        "cellule/put_forward.html",
        profile=profile,
        form=form,
        error=error,
        cellule=cellule,
        upcoming=upcoming,
    ), status


@blueprint.post("/propositions/<int:proposal_id>/retirer")
def withdraw(proposal_id: int):
    found = _proposal_for_withdrawal(proposal_id)
    back = (
        url_for("profiles.show", profile_id=found.profile_id)
        if can(current_user, "profile.view", found.profile)
        else url_for("cellule.session", session_id=found.session_id)
    )
    with committed("Proposition retirée : la cellule ne voit plus cette personne."):
        withdraw_proposal(current_user, found, clock.now())
    return redirect(back, code=303)


def _proposal_for_withdrawal(proposal_id: int) -> ProfileProposal:
    """The AE of the person or the cellule's animateur may reach it."""
    proposal = db.session.get(ProfileProposal, proposal_id)
    if proposal is None or not (
        can(current_user, "proposal.create", proposal.profile)
        or can(current_user, "cellule.run", proposal.cellule)
    ):
        abort(404)
    return proposal


@blueprint.get("/mes-personnes")
def standing():
    require(current_user, "profile.caseload")
    rows = standing_rows(current_user)
    log_shown(current_user, [row.profile_id for row in rows], "shortlist")
    db.session.commit()
    return render_template("cellule/standing.html", rows=rows)


@blueprint.get("/profils/<int:profile_id>/parcours")
def profile_journey(profile_id: int):
    """The cellule block of a profile page (loaded by htmx): where the person stands, and the
    button to put them forward."""
    profile = load_shown(Profile, profile_id, current_user, "profile.view",
                         section_of=url_for("profiles.show", profile_id=profile_id))
    db.session.commit()
    html = render_template(
        "cellule/_journey.html", journey=journey(current_user, profile), profile=profile
    )
    return vary_on_htmx(make_response(html))
