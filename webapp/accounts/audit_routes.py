from flask import Blueprint, current_app, make_response, render_template, request
from flask_login import current_user, login_required

from webapp.accounts.audit_forms import AccessLogFilterForm
from webapp.core.access_log import AccessFilters, access_log_page
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import require

blueprint = Blueprint("audit", __name__, url_prefix="/audit")


@blueprint.before_request
@login_required
def only_auditors():
    require(current_user, "profile.audit")


@blueprint.get("/acces")
def index():
    form = AccessLogFilterForm(request.args)
    form.validate()
    filters = AccessFilters(
        user=form.user.data or "", reference=form.reference.data or "",
        start=None if form.start.errors else form.start.data,
        end=None if form.end.errors else form.end.data)
    page = access_log_page(filters, request.args.get("page", 1, type=int),
                           current_app.config["PAGE_SIZE"])
    template = "audit/_access_rows.html" if is_fragment_request() else "audit/access_log.html"
    return vary_on_htmx(make_response(render_template(template, form=form, page=page)))
