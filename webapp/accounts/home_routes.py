from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required

from webapp.accounts.home import home_cards

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
@login_required
def index():
    cards = home_cards(current_user, stale_weeks=current_app.config["STALE_PROFILE_WEEKS"])
    return render_template("home/index.html", cards=cards)
