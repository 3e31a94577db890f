"""Shortlists on the screens: candidates of an offer, what is within a person's reach, the
obstacles of a caseload, and the territory weights."""

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from webapp.core.errors import Conflict, Invalid
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.profiles.shown import load_shown, log_shown
from webapp.shortlists.actions import candidate_actions, immersion_actions
from webapp.shortlists.forms import WeightsForm
from webapp.shortlists.immersion_hosts import immersion_hosts
from webapp.shortlists.live import (
    candidates_for_offer,
    caseload_obstacle,
    offers_for_profile,
)
from webapp.shortlists.partners import obstacle_links
from webapp.shortlists.reach_map import reach_map
from webapp.shortlists.stored_obstacles import obstacles_state
from webapp.shortlists.weights import check_weights, save_weights
from webapp.shortlists.weights_preview import territory_or_404, weights_page

blueprint = Blueprint("shortlists", __name__)


@blueprint.before_request
@login_required
def logged_in_only():
    """Every page here needs a login; each view checks its own permission."""


def _page(template: str, **context):
    """The fragment for htmx, or the same fragment inside the layout for a plain visit."""
    layout = template if is_fragment_request() else "shortlists/page.html"
    return vary_on_htmx(make_response(render_template(layout, fragment=template, **context)))


@blueprint.get("/offres/<int:offer_id>/candidats")
def offer_candidates(offer_id: int):
    offer = get_or_404(Offer, offer_id, current_user, "offer.view")
    require(current_user, "profile.view")
    ranked = candidates_for_offer(current_user, offer)
    shown = [card.record_id for card in ranked.cards]
    log_shown(current_user, shown, "shortlist")
    page = _page("shortlists/_candidates.html", title=f"Candidats pour {offer.title}",
                 offer=offer, ranked=ranked, card_actions=candidate_actions(current_user, offer, shown))
    db.session.commit()  # the access-log rows, once the page is made: nothing read is expired
    return page


@blueprint.get("/profils/<int:profile_id>/a-portee")
def profile_reach(profile_id: int):
    profile = load_shown(Profile, profile_id, current_user, "profile.view",
                         section_of=url_for("profiles.show", profile_id=profile_id))
    offers = offers_for_profile(current_user, profile)
    page = _page("shortlists/_reach.html", title=f"À portée de {profile.label}", profile=profile,
                 offers=offers, map=reach_map(profile, offers),
                 hosts=immersion_hosts(current_user, profile),
                 offer_actions=immersion_actions(current_user, profile, "offer_id"),
                 host_actions=immersion_actions(current_user, profile, "company_id"))
    db.session.commit()  # the access-log row, once the page is made: nothing read is expired
    return page


@blueprint.get("/profils/obstacles")
def obstacles():
    require(current_user, "profile.caseload")
    if "obstacle" in request.args:  # one line of the table: its people and offers
        detail = caseload_obstacle(current_user, request.args["obstacle"])
        if detail is None:
            abort(404)
        log_shown(current_user, detail.people, "list")
        db.session.commit()
        return _page("shortlists/_obstacle.html", title=detail.label, detail=detail)
    state = obstacles_state(current_user)  # computed by the queue: shown, or polled for
    found = list(state.obstacles or ())
    return _page("shortlists/_obstacles.html", title="Les obstacles qui ferment le plus de portes",
                 state=state, obstacles=found, dora_links=obstacle_links(current_user, found))


@blueprint.route("/admin/ponderations/<territory>", methods=["GET", "POST"])
def weights(territory: str):
    require(current_user, "matching.weights")
    pole = territory_or_404(territory)
    form = WeightsForm()
    if form.validate_on_submit() and request.form.get("action") == "save":
        try:
            save_weights(current_user, pole.id if pole else None, check_weights(form.values()),
                         int(form.version.data or 0))
        except (Invalid, Conflict) as error:
            flash(error.message, "error")
            return render_template("shortlists/weights.html",
                                   page=weights_page(WeightsForm(formdata=None), pole, False)), 409
        db.session.commit()
        flash("Pondérations enregistrées.", "success")
        return redirect(url_for("shortlists.weights", territory=territory), code=303)
    page = weights_page(form, pole, proposed_in_form=form.is_submitted())
    template = "shortlists/_weights_preview.html" if is_fragment_request() else "shortlists/weights.html"
    return vary_on_htmx(make_response(render_template(template, page=page), 422 if form.errors else 200))
