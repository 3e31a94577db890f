"""The navigation bar: which entries each user sees, decided by the permission table."""

from dataclasses import dataclass

from flask import url_for

from webapp.core.permissions import may


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    action: str | None  # permission needed to see the entry; None = every logged-in user


NAV_ITEMS: list[NavItem] = [
    NavItem("Accueil", "accounts.home", None),
    NavItem("Offres", "offers.pool", "offer.view"),
    NavItem("Entreprises", "companies.index", "company.view"),
    NavItem("Mon espace employeur", "employer_space.index", "need.create"),
    NavItem("Demandes de compte", "employer_space.colleague_requests", "registration.approve"),
    NavItem("Besoins des employeurs", "needs.queue", "need.queue"),
    NavItem("Mes personnes suivies", "profiles.caseload", "profile.caseload"),
    NavItem("Prospection", "prospection.index", "prospection.view"),
    NavItem("Immersions", "immersions.index", "immersion.view"),
    NavItem("Cellule emploi", "cellule.index", "cellule.view"),
    NavItem("Mes promotions", "promotions.index", "profile.promote"),
    NavItem("Tableau de bord", "dashboard.index", "dashboard.view"),
    NavItem("Administration", "accounts.admin", "admin.manage"),
    NavItem("Journal des accès", "accounts.access_log", "profile.audit"),
]


def navigation_for(user) -> list[tuple[str, str]]:
    """(label, url) pairs of the entries this user may use."""
    return [
        (item.label, url_for(item.endpoint))
        for item in NAV_ITEMS
        if item.action is None or may(user, item.action)
    ]
