"""The shared prospection plan of a territory: the board by stage, the filtered list and its CSV,
"where to prospect next", and the actions a CRE owns."""

from datetime import timedelta

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.tabular_export import download
from webapp.core.web import require
from webapp.prospection.actions import SOON_DAYS, is_overdue, owner_actions
from webapp.prospection.board import (
    TargetFilters,
    board,
    cards_sheet,
    plan_leads,
    plan_organisations,
    plan_targets,
    target_cards,
)
from webapp.prospection.forms import FilterForm
from webapp.prospection.next_prospects import where_to_prospect
from webapp.prospection.plan import may_in_territory, plan_poles, pole_by_code
from webapp.reference.models import Pole

blueprint = Blueprint("prospection", __name__, url_prefix="/prospection")


@blueprint.before_request
@login_required
def logged_in_only():
    """Every page needs a login; each view then checks its own permission."""


def plan_pole(code: str, action: str = "prospection.view") -> Pole:
    """The pôle of a plan URL, a 404 when unknown or outside the user's territories."""
    pole = pole_by_code(code)
    if pole is None or not may_in_territory(current_user, action, pole.id):
        abort(404)
    return pole


@blueprint.get("/")
def index():
    require(current_user, "prospection.view")
    poles = plan_poles(current_user)
    if len(poles) == 1:
        return redirect(url_for("prospection.plan", code=poles[0].code))
    return render_template("prospection/index.html", poles=poles)


@blueprint.get("/<code>/")
def plan(code: str):
    pole = plan_pole(code)
    columns = board(current_user, pole.id, clock.today())
    template = "prospection/_board.html" if is_fragment_request() else "prospection/board.html"
    html = render_template(template, pole=pole, columns=columns,
                           may_add=_may_add(pole), may_next=_may_next(pole))
    return vary_on_htmx(Response(html))


def _may_add(pole: Pole) -> bool:
    return any(may_in_territory(current_user, action, pole.id)
               for action in ("prospection.lead", "prospection.assign"))


def _may_next(pole: Pole) -> bool:
    return may_in_territory(current_user, "prospection_next.view", pole.id)


def _filter_form(pole: Pole) -> FilterForm:
    form = FilterForm(formdata=request.args)
    form.organisation.choices = choices([("", "Toutes"), *plan_organisations(pole.id)])
    form.lead.choices = choices([("", "Tous"), *plan_leads(pole.id)])
    return form


def _filters(form: FilterForm) -> TargetFilters:
    return TargetFilters(stage=form.stage.data or "", organisation_id=form.organisation.data,
                         lead_id=form.lead.data, mine=bool(form.mine.data),
                         text=form.q.data or "")


@blueprint.get("/<code>/liste")
def target_list(code: str):
    pole = plan_pole(code)
    form = _filter_form(pole)
    cards = target_cards(current_user, plan_targets(current_user, pole.id, _filters(form)),
                         clock.today())
    args = {key: value for key, value in request.args.items() if value}
    template = "prospection/_list_rows.html" if is_fragment_request() else "prospection/list.html"
    html = render_template(template, pole=pole, form=form, cards=cards, may_add=_may_add(pole),
                           may_next=_may_next(pole),
                           csv_url=url_for("prospection.target_csv", code=pole.code, **args),
                           xlsx_url=url_for("prospection.target_xlsx", code=pole.code, **args))
    return vary_on_htmx(Response(html))


@blueprint.get("/<code>/liste.csv")
def target_csv(code: str):
    return _target_list(code, "csv")


@blueprint.get("/<code>/liste.xlsx")
def target_xlsx(code: str):
    return _target_list(code, "xlsx")


def _target_list(code: str, kind: str):
    pole = plan_pole(code)
    cards = target_cards(current_user, plan_targets(current_user, pole.id,
                                                    _filters(_filter_form(pole))), clock.today())
    return download(cards_sheet(cards), f"plan-prospection-{pole.code}-{clock.today():%Y-%m-%d}", kind)


@blueprint.get("/<code>/pistes")
def next_prospects(code: str):
    pole = plan_pole(code, "prospection_next.view")
    return render_template("prospection/next.html", pole=pole, may_add=_may_add(pole),
                           may_next=True, result=where_to_prospect(pole, clock.today(), viewer=current_user))


@blueprint.get("/mes-actions")
def my_actions():
    require(current_user, "prospection.edit")
    today = clock.today()
    rows = [(action, is_overdue(action, today))
            for action in owner_actions(current_user, today + timedelta(days=SOON_DAYS))]
    return render_template("prospection/my_actions.html", rows=rows, soon_days=SOON_DAYS)
