import json
from functools import partial

from flask import (
    Blueprint,
    current_app,
    make_response,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.after_response import after_response
from webapp.core.choices import choices
from webapp.core.dates import ask_unusual_dates
from webapp.core.errors import Conflict
from webapp.core.forms import form_post
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import OWN, scopes_of
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.profiles import caseload as caseload_service
from webapp.profiles.access_request import export_profile
from webapp.profiles.editing import (
    advisers_of,
    creatable_organisations,
    create_profile,
    data_from_profile,
    update_profile,
)
from webapp.profiles.forms import CaseloadFilterForm, ProfileForm, form_values
from webapp.profiles.models import Profile
from webapp.profiles.page import profile_page
from webapp.profiles.partners import person_links
from webapp.profiles.rules import ProfileData, check_profile_data
from webapp.profiles.shown import load_shown, log_shown
from webapp.reference.jobs import rome_label
from webapp.reference.places import place_label
from webapp.shortlists.live import offers_in_reach

blueprint = Blueprint("profiles", __name__, url_prefix="/profils")


@blueprint.before_request
@login_required
def logged_in():
    """Every profile page needs a logged-in professional; records are checked one by one."""


@blueprint.get("/")
def caseload():
    require(current_user, "profile.caseload")
    form = CaseloadFilterForm(request.args)
    form.ae_id.choices = choices([(None, "Tous"), *caseload_service.adviser_choices(current_user)]
                                 if caseload_service.shows_adviser(current_user) else [])
    filters = form.to_filters(request.args.get("page", 1, type=int))
    config = current_app.config
    result = caseload_service.caseload(
        current_user, filters, config["CASELOAD_PAGE_SIZE"], config["STALE_PROFILE_WEEKS"],
        offers_in_reach=lambda profiles: offers_in_reach(
            current_user, profiles, inline_work=config["CASELOAD_REACH_INLINE_WORK"]),
    )
    log_shown(current_user, result.page.items, "list")
    template = "profiles/_caseload_results.html" if is_fragment_request() else "profiles/caseload.html"
    page = render_template(template, form=form, caseload=result)
    db.session.commit()  # the access-log rows, once the page is made: nothing read is expired
    response = vary_on_htmx(make_response(page))
    if result.reach_pending:  # counted by this worker once the page is sent
        after_response(response, partial(_count_reach, current_user.id, result.reach_pending))
    return response


def _count_reach(user_id: int, profile_ids: tuple[int, ...]) -> None:
    user = db.session.get(User, user_id)
    offers_in_reach(user, caseload_service.reach_rows(user, profile_ids))


@blueprint.get("/offres-a-portee")
def reach_counts():
    """The caseload's offers in reach left « calcul en cours » by its page, counted now and sent
    as out-of-band cells (htmx): figures only, no person's name, so no access-log row."""
    require(current_user, "profile.caseload")
    wanted = request.args.getlist("id", type=int)[:current_app.config["CASELOAD_PAGE_SIZE"]]
    counts = offers_in_reach(current_user, caseload_service.reach_rows(current_user, wanted))
    return render_template("profiles/_reach_counts.html", counts=counts)


def _render_form(form: ProfileForm, profile: Profile | None, conflict=None):
    displays = {"commune_insee": request.form.get("commune_insee-search")
                or place_label(form.commune_insee.data)}
    for entry in form.targets:
        displays[entry.rome_code.id] = (request.form.get(f"{entry.rome_code.name}-search")
                                        or rome_label(entry.rome_code.data))
    refused = form.is_submitted() or conflict is not None  # a POST that gets the form back
    return render_template("profiles/form.html", form=form, profile=profile, displays=displays,
                           conflict=conflict, refused=refused), 422 if refused else 200


def _ask_dates(form: ProfileForm) -> None:
    ask_unusual_dates(form, form.entry_date, form.available_from, today=clock.today())


def _adviser_choices(form: ProfileForm, organisation_ids: list[int]) -> None:
    advisers = [user for org_id in organisation_ids for user in advisers_of(org_id)]
    form.ae_id.choices = choices([(None, "— Aucun —"), *{u.id: u.display_name for u in advisers}.items()])


@blueprint.route("/nouveau", methods=["GET", "POST"])
def new():
    require(current_user, "profile.create")
    organisations = creatable_organisations(current_user)
    follows_own = OWN in scopes_of(current_user, "profile.edit")  # an AE follows whom they create
    start = ProfileData(ae_id=current_user.id if follows_own else None)
    form = ProfileForm(data=form_values(start, None))
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations)
    _adviser_choices(form, [o.id for o in organisations])
    done = form_post(
        form,
        lambda: _ask_dates(form) or create_profile(form.to_data(), next(
            o for o in organisations if o.id == form.organisation_id.data), current_user),
        lambda profile: f"Profil de {profile.display_label} créé.",
        lambda profile: url_for("profiles.show", profile_id=profile.id),
        check=lambda: check_profile_data(form.to_data()))
    return done or _render_form(form, None)


@blueprint.get("/<int:profile_id>")
def show(profile_id: int):
    profile = load_shown(Profile, profile_id, current_user, "profile.view")
    page = profile_page(profile, current_user, current_app.config["STALE_PROFILE_WEEKS"])
    html = render_template("profiles/show.html", profile=profile, page=page,
                           partner_links=person_links(profile, current_user))
    db.session.commit()  # after rendering: a commit expires what the page reads
    return html


@blueprint.route("/<int:profile_id>/modifier", methods=["GET", "POST"])
def edit(profile_id: int):
    profile = get_or_404(Profile, profile_id, current_user, "profile.edit")
    form = ProfileForm(data=form_values(data_from_profile(profile), profile.version))
    form.organisation_id.choices = choices([(profile.organisation_id, profile.organisation.name)])
    _adviser_choices(form, [profile.organisation_id])
    def save():
        _ask_dates(form)
        version = str(form.version.data or "")
        return update_profile(profile, form.to_data(), int(version) if version.isdigit() else None,
                              current_user)

    try:
        done = form_post(form, save,
                         "Profil enregistré.",
                         lambda _: url_for("profiles.show", profile_id=profile.id),
                         check=lambda: check_profile_data(form.to_data()), passes=(Conflict,))
    except Conflict as conflict:
        form.version.data = db.session.get(Profile, profile_id).version
        _log_edit_form(profile)
        return _render_form(form, profile, conflict)
    if done:
        return done
    _log_edit_form(profile)
    return _render_form(form, profile)


def _log_edit_form(profile: Profile) -> None:
    """The form names the person, refused or not: one access-log row (nothing refused is kept)."""
    log_shown(current_user, [profile], "edit")
    db.session.commit()


@blueprint.get("/<int:profile_id>/export.json")
def export(profile_id: int):
    profile = get_or_404(Profile, profile_id, current_user, "profile.export")
    document = export_profile(profile, current_user, request.path)
    db.session.commit()
    response = current_app.response_class(
        json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{profile.reference}.json"'
    return response
