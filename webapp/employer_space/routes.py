"""Everything an employer sees under /espace-employeur: their hiring needs and the profile cards
sent to them (one blueprint, for employers only)."""

from flask import Blueprint
from flask_login import current_user, login_required

from webapp.core.web import require

blueprint = Blueprint("employer_space", __name__, url_prefix="/espace-employeur")


@blueprint.before_request
@login_required
def only_employers():
    require(current_user, "need.create")
