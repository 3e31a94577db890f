"""The navigation bar: which entries each user sees, decided by the permission table, with the
counts later features put beside some entries (`registries.nav_badges`)."""

from dataclasses import dataclass

from flask import url_for

from webapp.core import registries
from webapp.core.permissions import OWN, may, scopes_of


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    action: str | None  # permission needed to see the entry; None = every logged-in user
    wide_label: str | None = None  # the label for whoever's scope goes beyond their own records


@dataclass(frozen=True)
class NavEntry:
    """One entry as the bar shows it."""

    label: str
    url: str
    badge: int = 0
    badge_meaning: str = ""


NAV_ITEMS: list[NavItem] = [
    NavItem("Accueil", "accounts.home", None),
    NavItem("Offres", "offers.pool", "offer.view"),
    NavItem("Entreprises", "companies.index", "company.view"),
    NavItem("Mon espace employeur", "employer_space.index", "need.create"),
    NavItem("Demandes de compte", "employer_space.colleague_requests", "registration.approve"),
    NavItem("Besoins des employeurs", "needs.queue", "need.queue"),
    NavItem("Mes personnes suivies", "profiles.caseload", "profile.caseload", "Personnes accompagnées"),
    NavItem("Prospection", "prospection.index", "prospection.view"),
    NavItem("Immersions", "immersions.index", "immersion.view"),
    NavItem("Cellule emploi", "cellule.index", "cellule.view"),
    NavItem("Mes promotions", "promotions.index", "profile.promote"),
    NavItem("Tableau de bord", "dashboard.index", "dashboard.view"),
    NavItem("Administration", "accounts.admin", "admin.manage"),
    NavItem("Journal des accès", "accounts.access_log", "profile.audit"),
]


def _label(item: NavItem, user) -> str:
    if item.wide_label and item.action and scopes_of(user, item.action) - {OWN}:
        return item.wide_label
    return item.label


def navigation_for(user) -> list[NavEntry]:
    """The entries this user may use, with their badges."""
    badges = {badge.endpoint: badge for badge in registries.nav_badges}
    entries = []
    for item in NAV_ITEMS:
        if item.action is not None and not may(user, item.action):
            continue
        badge = badges.get(item.endpoint)
        entries.append(NavEntry(_label(item, user), url_for(item.endpoint),
                                badge.count(user) if badge else 0, badge.meaning if badge else ""))
    return entries
