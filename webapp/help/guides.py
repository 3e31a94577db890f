"""The user guides (one per role) and the facts the public pages state, which each deployment
may set in its configuration (`LEGAL_*`, `ACCESSIBILITY_*`)."""

from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Guide:
    slug: str  # the page's address under /aide/
    role: str  # the account role it is for (webapp/accounts/models.py ROLES)
    title: str
    summary: str


GUIDES: tuple[Guide, ...] = (
    Guide("cre", "cre", "Guide du chargé de relations entreprises (CRE)",
          "Besoins des employeurs, offres, candidats, promotion de profils, prospection."),
    Guide("ae", "ae", "Guide de l'accompagnateur à l'emploi (AE)",
          "Profils des personnes suivies, offres à portée, cellule emploi, immersions."),
    Guide("employeur", "employer", "Guide de l'employeur",
          "Déposer un besoin, répondre aux profils proposés, accueillir une immersion."),
    Guide("animateur", "animateur", "Guide de l'animateur de cellule emploi",
          "Préparer la séance, répartir les profils, tenir et clore le compte rendu."),
    Guide("direction", "direction", "Guide de la direction",
          "Tableau de bord, indicateurs et objectifs, suivi du territoire."),
    Guide("administrateur", "admin", "Guide de l'administrateur",
          "Comptes, organisations, pôles, pondérations, journal des accès, API."),
)
GUIDE_BY_SLUG = {guide.slug: guide for guide in GUIDES}

# What a deployment states on its public pages; the configuration overrides each entry.
PUBLIC_FACTS = {
    "LEGAL_PUBLISHER": "Département des Bouches-du-Rhône",
    "LEGAL_ADDRESS": "Hôtel du Département, 52 avenue de Saint-Just, 13004 Marseille",
    "LEGAL_DIRECTOR": "le président du Conseil départemental des Bouches-du-Rhône",
    "LEGAL_HOST": "l'hébergeur désigné par le Département (à préciser lors du déploiement)",
    "LEGAL_CONTACT": "l'administrateur de Passerelle de votre organisation",
    "LEGAL_DPO": "le délégué à la protection des données du Département des Bouches-du-Rhône",
    "ACCESSIBILITY_UPDATED": "03/12/2026",
}


def public_facts() -> dict[str, str]:
    """The facts of the public pages, each from the configuration when it sets it."""
    return {key: current_app.config.get(key, default) for key, default in PUBLIC_FACTS.items()}


def guides_for(roles: set[str]) -> list[Guide]:
    """Every guide, the ones for the reader's own roles first."""
    return sorted(GUIDES, key=lambda guide: guide.role not in roles)
