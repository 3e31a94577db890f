"""The pages of the accounts: home, login, administration, access-log audit (one blueprint)."""

from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required

from webapp.accounts.home import home_cards

blueprint = Blueprint("accounts", __name__)


@blueprint.get("/")
@login_required
def home():
    cards = home_cards(current_user, stale_weeks=current_app.config["STALE_PROFILE_WEEKS"])
    return render_template("accounts/home.html", cards=cards)
