"""The help pages and the public information pages: no login needed, nothing personal shown."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from webapp.help.guides import GUIDE_BY_SLUG, GUIDES, guides_for, public_facts

blueprint = Blueprint("help", __name__)


@blueprint.get("/aide")
def index():
    roles = current_user.roles if current_user.is_authenticated else set()
    return render_template("help/index.html", guides=guides_for(roles),
                           own={guide.slug for guide in GUIDES if guide.role in roles})


def guide(slug: str):
    chosen = GUIDE_BY_SLUG.get(slug)
    if chosen is None:
        abort(404)
    return render_template(f"help/guide_{slug}.html", guide=chosen)


for _guide in GUIDES:  # one address per guide, /aide/cre ... (no free-form parameter)
    blueprint.add_url_rule(f"/aide/{_guide.slug}", "guide", guide, defaults={"slug": _guide.slug},
                           methods=["GET"])


@blueprint.get("/accessibilite")
def accessibility():
    return render_template("help/accessibility.html", facts=public_facts())


@blueprint.get("/mentions-legales")
def legal_notice():
    return render_template("help/legal_notice.html", facts=public_facts())


@blueprint.get("/donnees-personnelles")
def personal_data():
    return render_template("help/personal_data.html", facts=public_facts())
