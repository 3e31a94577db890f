"""The indicators dashboard: the page, one indicator as a fragment (the heavy ones load after
the page), and one indicator's figures as CSV."""

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_login import current_user, login_required
from markupsafe import Markup

from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.forms import put_problems
from webapp.core.htmx import vary_on_htmx
from webapp.core.tabular_export import download
from webapp.core.web import require
from webapp.dashboard.cache import keep_seconds, kept
from webapp.dashboard.forms import SelectionForm
from webapp.dashboard.indicators import Selection, dashboard, indicator_result, result_sheet
from webapp.dashboard.indicators.access import access_for
from webapp.dashboard.indicators.period import DEFAULT_PRESET, custom_period, preset_period

blueprint = Blueprint("dashboard", __name__, url_prefix="/tableau-de-bord")
PARAMETERS = ("territoire", "organisation", "periode", "debut", "fin")


@blueprint.before_request
@login_required
def staff_only():
    require(current_user, "dashboard.view")


def _selection() -> tuple[SelectionForm, Selection]:
    """The form read from the URL and what it selects; a 404 for a territory or an
    organisation the user may not see, a French error for wrong dates."""
    access = access_for(current_user)
    form = SelectionForm(formdata=request.args)
    form.fill_choices(access)
    form.validate()
    if not access.allows(form.territoire.data, form.organisation.data):
        abort(404)
    today = clock.today()
    period = preset_period(form.periode.data or DEFAULT_PRESET, today)
    if form.periode.data == "perso" and not (form.debut.errors or form.fin.errors):
        try:
            period = custom_period(form.debut.data, form.fin.data)
        except Invalid as error:
            put_problems(form, error)
    return form, Selection(form.territoire.data, form.organisation.data, period)


def _args() -> dict[str, str]:
    """The selection's parameters, for the links of the page (fragments, exports)."""
    return {key: value for key, value in request.args.items() if key in PARAMETERS}


@blueprint.get("/")
def index():
    form, selection = _selection()  # the access check, before anything kept is shown
    try:
        board = kept(("page", *_key(selection)), lambda: dashboard(
            current_user, selection, clock.now(), current_app.config["STALE_PROFILE_WEEKS"]))
    except NotAllowed:
        abort(404)
    args = _args()
    # The figures' HTML (charts, tables: most of the page) is the same for every reader of the
    # selection: rendered once per computation of the figures, not on every view.
    figures = kept(("page-html", *_key(selection), *sorted(args.items())), lambda: Markup(
        render_template("dashboard/_board.html", board=board.value, args=args)),
        not_before=board.computed_at)
    return render_template("dashboard/index.html", form=form, board=board.value, args=args,
                           board_html=figures.value, computed_at=board.computed_at,
                           kept_minutes=keep_seconds() // 60)


def _key(selection) -> tuple:
    """What the figures depend on: territory, organisation, period, the staleness rule."""
    return (selection.pole_id, selection.organisation_id, selection.period.start,
            selection.period.end, current_app.config["STALE_PROFILE_WEEKS"])


@blueprint.get("/indicateurs/<key>")
def fragment(key: str):
    _, selection = _selection()
    result = _result(key, selection)
    return vary_on_htmx(Response(render_template("dashboard/_indicator.html", result=result, args=_args())))


@blueprint.get("/export/<key>.csv")
def export(key: str):
    return _export(key, "csv")


@blueprint.get("/export/<key>.xlsx")
def export_xlsx(key: str):
    return _export(key, "xlsx")


def _export(key: str, kind: str):
    _, selection = _selection()
    result = _result(key, selection)
    stem = f"indicateur-{key.replace('.', '-')}-{selection.period.start:%Y%m%d}-{selection.period.last_day:%Y%m%d}"
    return download(result_sheet(result, selection, numbers=kind == "xlsx"), stem, kind)


def _result(key: str, selection: Selection):
    try:
        result = kept(("indicator", key, *_key(selection)), lambda: indicator_result(
            current_user, key, selection, clock.now(), current_app.config["STALE_PROFILE_WEEKS"])).value
    except NotAllowed:
        abort(404)
    if result is None:
        abort(404)
    return result
