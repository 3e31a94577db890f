"""The pages of the load test (issue 18's table), each read by the demo account that uses it,
and the mixed load: every role at once, the everyday pages more often than the meeting ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import func, select


@dataclass(frozen=True)
class Page:
    name: str
    account: str  # demo e-mail local part; "" for the anonymous login page
    path: str
    htmx: bool = False
    weight: int = 1  # share of the mixed load
    cookie: str = ""


def _chosen(app) -> dict:
    """An open offer of the CRE's territory, one of the AE's people, a commune of it, a session."""
    from webapp.accounts.models import User
    from webapp.bench.pages import _busiest_session
    from webapp.core.permissions import visible_clause
    from webapp.demo.people import demo_email
    from webapp.extensions import db
    from webapp.offers.models import Offer
    from webapp.profiles.models import Profile

    with app.app_context():
        cre = db.session.scalar(select(User).where(User.email == demo_email("cre")))
        ae = db.session.scalar(select(User).where(User.email == demo_email("ae")))
        offer = db.session.scalar(select(Offer).where(
            Offer.status == "open", visible_clause(cre, "offer.view", Offer)).order_by(Offer.id).limit(1))
        profile_id = db.session.scalar(select(func.min(Profile.id)).where(Profile.ae_id == ae.id))
        chosen = {"offer": offer.id, "commune": offer.commune_insee, "profile": profile_id,
                  "session": _busiest_session(app)}
        db.session.remove()
    return chosen


def pages(app, login: Callable[[str, str], str]) -> list[Page]:
    """The empty login page first, then the issue's pages, each with its account's cookie."""
    from webapp.demo import DEMO_PASSWORD
    from webapp.demo.people import demo_email

    c = _chosen(app)
    listed = [
        Page("page de connexion, vide (référence)", "", "/connexion", weight=0),
        Page("fiche offre", "cre", f"/offres/{c['offer']}", weight=4),
        Page("fiche profil", "ae", f"/profils/{c['profile']}", weight=4),
        Page("vivier, recherche texte", "cre", "/offres/?q=agent", weight=2),
        Page("candidats d'une offre (htmx)", "cre", f"/offres/{c['offer']}/candidats", htmx=True, weight=2),
        Page("vivier, commune + 20 km", "cre", f"/offres/?commune={c['commune']}&rayon=20", weight=2),
        Page("profil « à portée » (htmx)", "ae", f"/profils/{c['profile']}/a-portee", htmx=True, weight=2),
        Page("tableau de bord (direction)", "direction", "/tableau-de-bord/", weight=1),
        Page("portefeuille de l'AE", "ae", "/profils/", weight=2),
        Page("écran de séance (cellule)", "animateur", f"/cellule/seances/{c['session']}", weight=1),
        Page("ordre du jour (cellule)", "animateur", f"/cellule/seances/{c['session']}/ordre-du-jour",
             weight=1),
    ]
    cookies = {account: login(demo_email(account), DEMO_PASSWORD)
               for account in {page.account for page in listed if page.account}}
    return [replace(page, cookie=cookies.get(page.account, "")) for page in listed]


def mixed(listed: list[Page]) -> list[Page]:
    """The mix as a round: each page as many times as its weight, interleaved."""
    rounds = max(page.weight for page in listed)
    return [page for turn in range(rounds) for page in listed if page.weight > turn]
