"""The CRE's side of promotion: the profiles given to them, preparing a card for an employer
(for one of the offers matching suggests, or spontaneously), sending it after the warnings,
and recording every step after."""


from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.errors import DomainError
from webapp.core.forms import committed, form_post, optional_int, validated
from webapp.core.permissions import can, may
from webapp.core.web import get_or_404, require
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile
from webapp.profiles.shown import log_shown
from webapp.promotions.card import card_of, card_pdf
from webapp.promotions.corrections import correct_step
from webapp.promotions.forms import CorrectionForm, EmployerChoiceForm, SendForm, StepForm
from webapp.promotions.models import Promotion
from webapp.promotions.pages import cre_overview, promotion_page
from webapp.promotions.preparing import NeedsConfirmation, create_promotion, send_promotion
from webapp.promotions.steps import StepInput, record_step
from webapp.shortlists.live import offers_for_profile

blueprint = Blueprint("promotions", __name__, url_prefix="/promotions")
SUGGESTED_OFFERS = 8


@blueprint.before_request
@login_required
def staff_only():
    """Cards are followed by the professionals; employers have their own space."""
    if not (may(current_user, "profile.promote") or may(current_user, "promotion.follow")):
        require(current_user, "profile.promote")



@blueprint.get("/")
def index():
    require(current_user, "profile.promote")
    overview = cre_overview(current_user, clock.now())
    log_shown(current_user, [p.profile_id for p in overview.to_promote], "shortlist")
    db.session.commit()
    return render_template("promotions/index.html", overview=overview)


@blueprint.route("/nouvelle/<int:profile_id>", methods=["GET", "POST"])
def new(profile_id: int):
    profile = get_or_404(Profile, profile_id, current_user, "profile.promote")
    form, error = EmployerChoiceForm(), None
    if form.validate_on_submit():
        offer = (
            db.session.get(Offer, int(form.offer_id.data))
            if (form.offer_id.data or "").isdigit()
            else None
        )
        company = (
            db.session.get(Company, int(form.company_id.data))
            if (form.company_id.data or "").isdigit()
            else None
        )
        try:
            promotion = create_promotion(current_user, profile, company, offer, clock.now())
        except DomainError as caught:
            db.session.rollback()
            error = caught.message
        else:
            db.session.commit()
            return redirect(url_for("promotions.detail", promotion_id=promotion.id), code=303)
    profile = db.session.get(Profile, profile_id)
    log_shown(current_user, [profile])
    db.session.commit()
    ranked = offers_for_profile(current_user, profile, top=SUGGESTED_OFFERS)
    html = render_template(
        "promotions/new.html",
        profile=profile,
        ranked=ranked,
        chosen=_chosen_offer(request.args.get("offre", type=int)),
        form=form,
        error=error,
        company_label=request.form.get("company_id-search", ""),
    )
    return make_response(html, 422 if error else 200)


def _chosen_offer(offer_id: int | None) -> Offer | None:
    """The offer the CRE came from (its candidates), when it can still receive a card."""
    offer = db.session.get(Offer, offer_id) if offer_id else None
    if offer is None or offer.company_id is None or offer.status != "open":
        return None
    return offer if can(current_user, "offer.view", offer) else None


def _load(promotion_id: int) -> Promotion:
    return get_or_404(Promotion, promotion_id, current_user, "promotion.follow")


def _render(promotion: Promotion, status: int = 200, warnings=(), step_form=None, error: str = ""):
    page = promotion_page(current_user, promotion, clock.now().date())
    if page.person_visible:
        log_shown(current_user, [promotion.profile])
    db.session.commit()
    html = render_template(
        "promotions/detail.html",
        page=page,
        warnings=warnings,
        error=error,
        send_form=SendForm(formdata=None, version=promotion.version),
        step_form=step_form or StepForm(formdata=None, version=promotion.version),
    )
    return make_response(html, status)


@blueprint.get("/<int:promotion_id>")
def detail(promotion_id: int):
    return _render(_load(promotion_id))


@blueprint.post("/<int:promotion_id>/envoyer")
def send(promotion_id: int):
    promotion = get_or_404(Promotion, promotion_id, current_user, "promotion.manage")
    form = SendForm()
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        send_promotion(
            current_user, promotion, clock.now(), confirmed=form.confirmed.data == "oui", version=version
        )
    except NeedsConfirmation as caution:
        db.session.rollback()
        return _render(db.session.get(Promotion, promotion_id), 422, warnings=caution.warnings)
    except DomainError as error:
        db.session.rollback()
        return _render(db.session.get(Promotion, promotion_id), 422, error=error.message)
    db.session.commit()
    flash(f"Carte {promotion.reference} envoyée à {promotion.company.name}.", "success")
    return redirect(url_for("promotions.detail", promotion_id=promotion_id), code=303)


@blueprint.post("/<int:promotion_id>/etapes")
def step(promotion_id: int):
    promotion = get_or_404(Promotion, promotion_id, current_user, "promotion.manage")
    form = StepForm()

    def record() -> None:
        typed = StepInput(
            form.kind.data or "",
            form.on.data,
            form.meeting.data or "",
            form.reason(),
            form.note.data or "",
            form.contract.data or "",
            form.hours_per_week.data,
        )
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        record_step(current_user, promotion, typed, clock.now(), version)

    done = form_post(form, record, lambda _: f"Étape enregistrée : {promotion.status_label}.",
                     lambda _: url_for("promotions.detail", promotion_id=promotion_id), check=record)
    # what concerns no one field (the promotion is closed, changed meanwhile...) goes on top
    general = " ".join(form.form_errors) or "L'étape n'est pas enregistrée : corrigez les champs signalés."
    return done or _render(db.session.get(Promotion, promotion_id), 422, step_form=form, error=general)


@blueprint.post("/<int:promotion_id>/etapes/corriger")
def correct(promotion_id: int):
    promotion = get_or_404(Promotion, promotion_id, current_user, "promotion.manage")
    form = CorrectionForm()
    with committed("Étape corrigée ; la correction est inscrite dans l'historique."):
        validated(form)
        correct_step(current_user, promotion, optional_int(form.step_id.data), form.on.data,
                     form.note.data or "", clock.now())
    return redirect(url_for("promotions.detail", promotion_id=promotion_id, _anchor="etapes"),
                    code=303)


@blueprint.get("/<int:promotion_id>/carte.pdf")
def card_as_pdf(promotion_id: int):
    promotion = _load(promotion_id)
    response = make_response(card_pdf(card_of(promotion, clock.now().date())))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="carte-{promotion.reference}.pdf"'
    )
    return response
