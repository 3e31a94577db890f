from flask import current_app, make_response, render_template, request

from webapp.accounts.audit_forms import AccessLogFilterForm
from webapp.accounts.routes import blueprint
from webapp.core.access_log import AccessFilters, access_log_page
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.web import allowed


@blueprint.get("/audit/acces")
@allowed("profile.audit")
def access_log():
    form = AccessLogFilterForm(request.args)
    form.validate()
    filters = AccessFilters(
        user=form.user.data or "", reference=form.reference.data or "",
        start=None if form.start.errors else form.start.data,
        end=None if form.end.errors else form.end.data)
    page = access_log_page(filters, request.args.get("page", 1, type=int),
                           current_app.config["PAGE_SIZE"])
    template = "accounts/_access_rows.html" if is_fragment_request() else "accounts/access_log.html"
    return vary_on_htmx(make_response(render_template(template, form=form, page=page)))
