"""Autocomplete endpoints answered as htmx fragments."""

from flask import Blueprint, make_response, render_template, request
from flask_login import login_required

from webapp.core.htmx import vary_on_htmx
from webapp.core.ratelimit import throttle
from webapp.reference.jobs import suggest_jobs
from webapp.reference.places import suggest_places

blueprint = Blueprint("reference", __name__, url_prefix="/api")


@blueprint.get("/metiers")
@login_required
@throttle("AUTOCOMPLETE_LIMIT")
def jobs():
    query = request.args.get("q", "")
    suggestions = [(s.code, f"{s.term} ({s.code})", s.detail) for s in suggest_jobs(query)]
    return vary_on_htmx(_suggestions(suggestions, query))


@blueprint.get("/communes")
@login_required
@throttle("AUTOCOMPLETE_LIMIT")
def places():
    query = request.args.get("q", "")
    suggestions = [(s.insee, s.label, s.insee, s.postal_code) for s in suggest_places(query)]
    return vary_on_htmx(_suggestions(suggestions, query))


def _suggestions(suggestions, query):
    target = request.args.get("target", "")
    html = render_template("_suggestions.html", suggestions=suggestions, query=query, target=target)
    return make_response(html)
