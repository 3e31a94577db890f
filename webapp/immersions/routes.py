"""Immersions (PMSMP): the list, a proposal, its page and steps, the assessment, the export."""

import json
from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.forms import form_post
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.tabular_export import download
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.immersions.assessment import may_assess, record_assessment
from webapp.immersions.export import export_json, export_sheet
from webapp.immersions.followup import immersion_list
from webapp.immersions.forms import (
    AssessmentForm,
    FilterForm,
    ImmersionForm,
    StepForm,
    optional_int,
)
from webapp.immersions.models import Immersion
from webapp.immersions.page import immersion_page, immersion_shows
from webapp.immersions.proposing import (
    advance_immersion,
    check_proposal,
    may_propose,
    proposal_defaults,
    propose_immersion,
    update_immersion,
)
from webapp.immersions.schedule import WEEKDAYS
from webapp.immersions.views import (
    assessment_input,
    check_defaults_changed,
    company_choices,
    form_data,
    immersion_input,
    step_input,
)
from webapp.offers.models import Offer
from webapp.profiles.labels import shows_person
from webapp.profiles.models import Profile
from webapp.profiles.shown import load_shown, log_shown
from webapp.promotions.models import Promotion
from webapp.reference.jobs import rome_label

blueprint = Blueprint("immersions", __name__, url_prefix="/immersions")
PAGE_SIZE = 25


@blueprint.before_request
@login_required
def staff_and_hosts_only():
    require(current_user, "immersion.view")



@blueprint.get("/")
def index():
    form = FilterForm(request.args)
    page, rows = immersion_list(current_user, form.filters(), clock.today(),
                                request.args.get("page", 1, type=int), PAGE_SIZE)
    log_shown(current_user, [row.shown_profile_id for row in rows], "list")
    db.session.commit()
    template = "immersions/_results.html" if is_fragment_request() else "immersions/index.html"
    return vary_on_htmx(make_response(render_template(template, form=form, page=page, rows=rows)))


@blueprint.get("/cette-semaine")
def ending_this_week():
    """The home card's link: the list, filtered."""
    return redirect(url_for("immersions.index", focus="ending_this_week"))


@blueprint.get("/bilans-a-faire")
def to_assess():
    return redirect(url_for("immersions.index", focus="to_assess"))


@blueprint.get("/a-examiner")
def to_answer():
    return redirect(url_for("immersions.index", focus="to_answer"))


@dataclass(frozen=True)
class Sources:
    """Where a proposal comes from: the person, and the company, offer or promotion if any."""

    profile: Profile
    company: Company | None
    offer: Offer | None
    promotion: Promotion | None


def _sources() -> Sources:
    promotion_id = request.args.get("promotion_id", type=int)
    promotion = get_or_404(Promotion, promotion_id, current_user, "promotion.follow") if promotion_id else None
    profile_id = promotion.profile_id if promotion else request.args.get("profile_id", type=int)
    profile = get_or_404(Profile, profile_id, current_user, "profile.view")
    offer_id = request.args.get("offer_id", type=int) or (promotion.offer_id if promotion else None)
    offer = get_or_404(Offer, offer_id, current_user, "offer.view") if offer_id else None
    company_id = (request.args.get("company_id", type=int) or (offer.company_id if offer else None)
                  or (promotion.company_id if promotion else None))
    company = get_or_404(Company, company_id, current_user, "company.view") if company_id else None
    return Sources(profile, company, offer, promotion)


def _shown_again(profile: Profile, shows: bool, action: str) -> None:
    """A page shown again after a refused post (or first shown): nothing half-done is kept,
    and the person it names is logged."""
    db.session.rollback()
    if shows:
        log_shown(current_user, [profile], action)
    db.session.commit()


def _render_form(form: ImmersionForm, sources: Sources, immersion: Immersion | None):
    if immersion is not None:
        _shown_again(immersion.profile, immersion_shows(immersion, current_user), "edit")
    else:
        _shown_again(sources.profile, shows_person(sources.profile, current_user), "edit")
    job = rome_label(form.rome_code.data) or request.form.get("rome_code-search", "")
    return render_template("immersions/form.html", form=form, sources=sources, immersion=immersion,
                           job_display=job, weekdays=WEEKDAYS), 422 if form.errors else 200



@blueprint.route("/nouvelle", methods=["GET", "POST"])
def new():
    sources = _sources()
    if not may_propose(current_user, sources.profile):
        abort(404)
    start = proposal_defaults(sources.profile, sources.company, sources.offer,
                              sources.promotion.id if sources.promotion else None, clock.today())
    form = ImmersionForm(data=form_data(start))
    form.company_id.choices = choices(company_choices(current_user, sources.profile, sources.company))
    def propose() -> Immersion:
        data = immersion_input(form, start)
        check_defaults_changed(form, data, start)
        return propose_immersion(current_user, sources.profile, data, clock.today())

    done = form_post(
        form, propose,
        lambda immersion: f"Immersion {immersion.reference} proposée à {immersion.company.name}.",
        lambda immersion: url_for("immersions.detail", immersion_id=immersion.id),
        check=lambda: check_proposal(sources.profile, immersion_input(form, start), clock.today()))
    return done or _render_form(form, sources, None)


@blueprint.route("/<int:immersion_id>/modifier", methods=["GET", "POST"])
def edit(immersion_id: int):
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.create")
    sources = Sources(immersion.profile, immersion.company, immersion.offer, immersion.promotion)
    form = ImmersionForm(data=form_data(None, immersion))
    form.company_id.choices = choices([(immersion.company_id, immersion.company.name)])
    done = form_post(
        form, lambda: update_immersion(current_user, immersion, immersion_input(form, None, immersion),
                                       optional_int(form.version.data), clock.today()),
        "Proposition modifiée.", lambda _: url_for("immersions.detail", immersion_id=immersion_id))
    return done or _render_form(form, sources, db.session.get(Immersion, immersion_id))


def _render_detail(immersion: Immersion, forms: dict[str, StepForm] | None = None, status: int = 200):
    page = immersion_page(immersion, current_user)
    step_forms = {t.key: StepForm(prefix=t.key, formdata=None, data={
        "version": immersion.version, "tutor_name": immersion.tutor_name,
        "tutor_role": immersion.tutor_role, "tutor_phone": immersion.tutor_phone,
        "tutor_email": immersion.tutor_email}) for t in page.transitions}
    step_forms.update(forms or {})
    return render_template("immersions/detail.html", page=page, step_forms=step_forms), status


@blueprint.get("/<int:immersion_id>")
def detail(immersion_id: int):
    immersion = load_shown(Immersion, immersion_id, current_user, "immersion.view",
                           shows=immersion_shows)
    db.session.commit()
    return _render_detail(immersion)


@blueprint.post("/<int:immersion_id>/etapes/<key>")
def advance(immersion_id: int, key: str):
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.view")
    form = StepForm(prefix=key)
    done = form_post(
        form, lambda: advance_immersion(current_user, immersion, key, step_input(form),
                                        optional_int(form.version.data), clock.today()),
        lambda step: f"Immersion {immersion.reference} : {step.status_label.lower()}.",
        lambda _: url_for("immersions.detail", immersion_id=immersion_id))
    if done:
        return done
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.view")
    _shown_again(immersion.profile, immersion_shows(immersion, current_user), "view")
    return _render_detail(immersion, {key: form}, 422)


@blueprint.route("/<int:immersion_id>/bilan", methods=["GET", "POST"])
def assessment(immersion_id: int):
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.assess")
    if not may_assess(current_user, immersion):
        abort(404)
    current = immersion.assessment
    form = AssessmentForm(obj=current, data={"version": current.version if current else ""})
    done = form_post(
        form, lambda: record_assessment(current_user, immersion, assessment_input(form),
                                        optional_int(form.version.data)),
        "Bilan enregistré.", lambda _: url_for("immersions.detail", immersion_id=immersion_id))
    if done:
        return done
    status = 422 if form.errors else 200
    return render_template("immersions/assessment.html", form=form,
                           immersion=db.session.get(Immersion, immersion_id)), status


@blueprint.get("/<int:immersion_id>/convention.<kind>")
def convention(immersion_id: int, kind: str):
    immersion = get_or_404(Immersion, immersion_id, current_user, "immersion.export")
    if kind == "json":
        body = json.dumps(export_json(immersion, current_user, request.path), ensure_ascii=False, indent=2)
        mimetype = "application/json"
    elif kind in ("csv", "xlsx"):
        sheet = export_sheet(immersion, current_user, request.path, typed=kind == "xlsx")
        db.session.commit()
        return download(sheet, f"convention-{immersion.reference}", kind)
    else:
        abort(404)
    db.session.commit()
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="convention-{immersion.reference}.{kind}"')
    return response
