"""A target: its page, adding one to a plan (a directory company or a new lead), moving it
(button or drag, always with its log entry), planned actions, join/take-over requests, and
reassignment."""


from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from webapp.companies.directory import ProbableDuplicate
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.errors import Conflict, DomainError
from webapp.core.forms import committed, form_post
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import may
from webapp.core.web import get_or_404
from webapp.extensions import db
from webapp.prospection import plan as plan_service
from webapp.prospection.actions import complete_action, plan_action
from webapp.prospection.contacts import SolicitationWarning
from webapp.prospection.forms import (
    ActionForm,
    DecisionForm,
    MoveForm,
    NewLeadForm,
    ReassignForm,
    RequestForm,
    TargetForm,
    optional_int,
)
from webapp.prospection.models import ProspectionAction, ProspectionTarget, TargetRequest
from webapp.prospection.moves import move_target, next_stage
from webapp.prospection.routes import blueprint, plan_pole
from webapp.prospection.views import quiet_days, target_page_context
from webapp.reference.jobs import rome_label
from webapp.reference.models import Naf
from webapp.reference.places import place_label


def _target(target_id: int, action: str = "prospection.view") -> ProspectionTarget:
    return get_or_404(ProspectionTarget, target_id, current_user, action)


@blueprint.get("/cibles/<int:target_id>")
def target(target_id: int):
    return render_template("prospection/target.html",
                           **target_page_context(_target(target_id), current_user))


def _lead_choices(form, pole_id: int) -> None:
    form.lead_id.choices = choices([("", "— Choisir —"), *(
        (u.id, u.display_name) for u in plan_service.lead_candidates(pole_id))])
    leads = may(current_user, "prospection.lead")
    if request.method == "GET" and form.lead_id.data is None and leads:
        form.lead_id.data = current_user.id


def _target_form(company: Company | None, pole_id: int) -> TargetForm:
    """The lead choice alone for a directory company; the company's fields too for a new lead."""
    form = TargetForm() if company else NewLeadForm()
    _lead_choices(form, pole_id)
    if not company:
        naf = db.session.execute(db.select(Naf.code, Naf.label).order_by(Naf.code))
        form.naf_code.choices = choices([("", "Non renseigné"),
                                         *((c, f"{c} – {label}") for c, label in naf)])
    return form


def _add(form: TargetForm, company: Company | None, pole_id: int) -> ProspectionTarget:
    if company:
        return plan_service.add_target(current_user, company, pole_id, form.lead_id.data, clock.now())
    return plan_service.add_new_lead(current_user, form.values(), pole_id, form.lead_id.data,
                                     clock.now(), allow_duplicate=bool(request.form.get(
                                         "creer_quand_meme")))


@blueprint.route("/<code>/cibles/nouvelle", methods=["GET", "POST"])
def new_target(code: str):
    pole = plan_pole(code)
    company = db.session.get(Company, request.args.get("entreprise", type=int) or 0)
    form, duplicates = _target_form(company, pole.id), []
    try:
        done = form_post(form, lambda: _add(form, company, pole.id),
                         lambda created: f"« {created.company.name} » ajoutée au plan.",
                         lambda created: url_for("prospection.target", target_id=created.id),
                         passes=(ProbableDuplicate,))
    except ProbableDuplicate as error:
        done, duplicates = None, error.companies
    if done:
        return done
    commune = "" if company else (place_label(form.commune_insee.data)
                                  or request.form.get("commune_insee-search", ""))
    return render_template("prospection/new_target.html", pole=pole, form=form, company=company,
                           duplicates=duplicates, commune_display=commune), (
        422 if request.method == "POST" else 200)


def _move_form(target: ProspectionTarget) -> MoveForm:
    form = MoveForm()
    if request.method == "GET":
        form.stage.data = request.args.get("etape") or next_stage(target.stage)
        form.version.data = str(target.version)
        form.contacted_on.data = clock.today()
        form.channel.data = "phone"
    return form


def _render_move(target: ProspectionTarget, form: MoveForm, status: int = 200,
                 conflict: str = "", warnings=()):
    context = {"target": target, "form": form, "conflict": conflict, "warnings": warnings,
               "retour": request.form.get("retour", ""),
               "need_display": rome_label(form.need_rome_code.data)
               or request.form.get("need_rome_code-search", "")}
    fragment = is_fragment_request()
    html = render_template("prospection/_move_form.html" if fragment else "prospection/move.html",
                           **context)
    return vary_on_htmx(make_response(html, status))


@blueprint.route("/cibles/<int:target_id>/etape", methods=["GET", "POST"])
def move(target_id: int):
    target = _target(target_id, "prospection.edit")
    form = _move_form(target)
    if not form.validate_on_submit():
        return _render_move(target, form, 422 if request.method == "POST" else 200)
    try:
        with committed(None, form, passes=(SolicitationWarning, Conflict)) as post:
            move_target(current_user, target, form.stage.data, form.contact(),
                        optional_int(form.version.data) or 0, now=clock.now(),
                        dropped_reason=form.dropped_reason.data or "", quiet_days=quiet_days(),
                        confirmed=form.confirm.data)
    except SolicitationWarning as warning:
        return _render_move(_target(target_id), form, 422, warnings=warning.lines)
    except Conflict as moved:
        fresh = _target(target_id)
        form.version.data = str(fresh.version)
        return _render_move(fresh, form, 422, conflict=moved.message)
    if not post.ok:
        return _render_move(_target(target_id), form, 422)
    message = f"« {target.company.name} » passée à l'étape « {target.stage_label} »."
    if is_fragment_request() and request.form.get("retour") != "cible":
        return _board_fragment(target, message)
    flash(message, "success")
    back = (url_for("prospection.target", target_id=target.id)
            if request.form.get("retour") == "cible"
            else url_for("prospection.plan", code=target.pole.code))
    if is_fragment_request():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = back
        return response
    return redirect(back, code=303)


def _board_fragment(target: ProspectionTarget, message: str):
    """After a move from the board: the fresh board replaces the old one, the dialog closes."""
    from webapp.prospection.board import board

    html = render_template("prospection/_board.html", pole=target.pole, status_message=message,
                           columns=board(current_user, target.pole_id, clock.today()))
    response = make_response(html)
    response.headers.update({"HX-Retarget": "#tableau", "HX-Reswap": "outerHTML",
                             "HX-Trigger-After-Swap": "cible-deplacee"})
    return vary_on_htmx(response)


def _back(target: ProspectionTarget, message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("prospection.target", target_id=target.id), code=303)


def _refused(target_id: int, error: DomainError):
    db.session.rollback()
    return _back(db.session.get(ProspectionTarget, target_id), error.message, "error")


@blueprint.post("/cibles/<int:target_id>/actions")
def add_action(target_id: int):
    target = _target(target_id, "prospection.edit")
    form = ActionForm()
    form.owner_id.choices = choices([])
    if not form.validate_on_submit():
        abort(400)
    with committed(None, form) as post:
        plan_action(current_user, target, form.action(), clock.today())
    if not post.ok:
        return render_template("prospection/target.html", **target_page_context(
            _target(target_id), current_user, action_form=form)), 422
    return _back(target, "Action planifiée.")


@blueprint.post("/actions/<int:action_id>/faite")
def action_done(action_id: int):
    action = db.session.get(ProspectionAction, action_id) or abort(404)
    target = _target(action.target_id)
    try:
        complete_action(current_user, action, clock.now())
    except DomainError as error:
        return _refused(target.id, error)
    db.session.commit()
    if request.form.get("retour") == "mes-actions":
        flash("Action marquée comme faite.", "success")
        return redirect(url_for("prospection.my_actions"), code=303)
    return _back(target, "Action marquée comme faite.")


@blueprint.post("/cibles/<int:target_id>/demandes")
def ask(target_id: int):
    target = _target(target_id, "prospection.lead")
    form = RequestForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        request_ = plan_service.request_access(current_user, target, form.kind.data,
                                               form.message.data or "", clock.now())
    except DomainError as error:
        return _refused(target.id, error)
    db.session.commit()
    return _back(target, f"Demande pour {request_.kind_label} la cible envoyée à "
                         f"{target.lead.display_name}.")


@blueprint.post("/demandes/<int:request_id>/reponse")
def decide(request_id: int):
    request_ = db.session.get(TargetRequest, request_id) or abort(404)
    target = _target(request_.target_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    accept = form.accept.data == "oui"
    try:
        plan_service.decide_request(current_user, request_, accept, clock.now())
    except DomainError as error:
        return _refused(target.id, error)
    db.session.commit()
    return _back(target, "Demande acceptée." if accept else "Demande refusée.")


@blueprint.post("/cibles/<int:target_id>/pilote")
def reassign(target_id: int):
    target = _target(target_id, "prospection.assign")
    form = ReassignForm()
    form.lead_id.choices = choices([])
    if not form.validate_on_submit():
        abort(400)
    try:
        plan_service.reassign(current_user, target, form.lead_id.data,
                              optional_int(form.version.data) or 0, clock.now())
    except DomainError as error:
        return _refused(target.id, error)
    db.session.commit()
    return _back(target, f"Cible confiée à {target.lead.display_name}.")

