"""Links out to the tools the task force's partners already use (DORA, Immersion Facilitée,
OUIFORM, Estime, les emplois de l'inclusion, Mes rdv emploi), each built here from one
documented URL pattern (docs/partner-links.md).

A link never carries personal data: at most a ROME code and a commune (its INSEE code, its
name, its centre's coordinates). Every function takes those plain values, never a person."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from reference.text import fold

DORA_SEARCH = "https://dora.inclusion.beta.gouv.fr/recherche"
IMMERSION_SEARCH = "https://immersion-facile.beta.gouv.fr/recherche"
OUIFORM_SEARCH = "https://www.ouiform.fr/recherche"
ESTIME = "https://estime.francetravail.fr/"
EMPLOIS_INCLUSION_SEARCH = "https://emplois.inclusion.beta.gouv.fr/search/job-descriptions/results"
MES_RDV_EMPLOI = "https://mesevenementsemploi.francetravail.fr/mes-evenements-emploi/evenements"
IMMERSION_RADIUS_KM = 10
INCLUSION_RADIUS_KM = 25

# Our flags -> the data·inclusion thematic vocabulary DORA searches by (data-inclusion-schema,
# `Thematique`; a test checks every slug against the package). A flag without a service kind
# (a schedule, the hours, the consent, "autre") has no link.
BARRIER_THEMES = {  # the profile's "freins à l'emploi" (webapp/profiles/models.py BARRIERS)
    "mobility": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "childcare": "famille--garde-denfants",
    "health": "sante--acces-aux-soins",
    "housing": "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    "digital": "numerique--maitriser-les-fondamentaux-du-numerique",
    "language": "lecture-ecriture-calcul--maitriser-le-francais",
}
OBSTACLE_THEMES = {  # the matching engine's obstacles (matching/obstacles.py OBSTACLE_LABELS)
    "licence": "mobilite--preparer-un-permis",
    "vehicle": "mobilite--acceder-a-un-vehicule",
    "travel": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "childcare": "famille--garde-denfants",
}
THEME_LABELS = {
    "mobilite--etre-accompagne-dans-son-parcours-mobilite": "accompagnement à la mobilité",
    "mobilite--preparer-un-permis": "préparer un permis",
    "mobilite--acceder-a-un-vehicule": "accéder à un véhicule",
    "famille--garde-denfants": "garde d'enfants",
    "sante--acces-aux-soins": "accès aux soins",
    "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement": "accès au logement",
    "numerique--maitriser-les-fondamentaux-du-numerique": "numérique",
    "lecture-ecriture-calcul--maitriser-le-francais": "apprendre le français",
}


@dataclass(frozen=True)
class Place:
    """A commune as a link may carry it: INSEE code, name, centre."""

    insee: str
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class PartnerLink:
    """A link out: the partner's name, the visible text and the URL (opened in a new tab)."""

    partner: str
    text: str
    url: str


def _url(base: str, **params: object) -> str:
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{base}?{urlencode(kept)}" if kept else base


def dora_search(theme: str, place: Place) -> PartnerLink:
    """DORA's search for a kind of service (a data·inclusion thematic) around a commune."""
    category = theme.split("--")[0]
    return PartnerLink("DORA", f"Services « {THEME_LABELS.get(theme, theme)} » près de {place.name}",
                       _url(DORA_SEARCH, cats=category, subs=theme, city=place.insee, cl=place.name))


def dora_for_barrier(barrier: str, place: Place) -> PartnerLink | None:
    """DORA's services for one of the profile's "freins", or None when none fits."""
    theme = BARRIER_THEMES.get(barrier)
    return dora_search(theme, place) if theme else None


def dora_for_obstacle(category: str, place: Place) -> PartnerLink | None:
    """DORA's services lifting one of the engine's obstacles, or None when none fits."""
    theme = OBSTACLE_THEMES.get(category)
    return dora_search(theme, place) if theme else None


def immersion_hosts(rome_code: str, job: str, place: Place) -> PartnerLink:
    """Immersion Facilitée's host companies for a job (ROME) around a commune's centre."""
    return PartnerLink("Immersion Facilitée", f"Entreprises accueillantes en immersion : {job}",
                       _url(IMMERSION_SEARCH, rome=rome_code, place=place.name, latitude=place.lat,
                            longitude=place.lon, distanceKm=IMMERSION_RADIUS_KM if place.lat else None))


def ouiform_training(rome_code: str, job: str) -> PartnerLink:
    """OUIFORM's training places leading to a job (ROME)."""
    return PartnerLink("OUIFORM", f"Formations vers le métier : {job}", _url(OUIFORM_SEARCH, rome=rome_code))


def estime() -> PartnerLink:
    """Estime's simulator of the gain from taking a job (the AE types the figures there)."""
    return PartnerLink("Estime", "Estimer le gain à la reprise d'emploi (Estime)", ESTIME)


def commune_slug(place: Place) -> str:
    """les emplois de l'inclusion's city slug: `marseille-13`, `aix-en-provence-13`."""
    name = re.sub(r"\s+\d+(er|e)\b.*$", "", place.name)  # Marseille 5e -> Marseille
    return f"{re.sub(r'[^a-z0-9]+', '-', fold(name).lower()).strip('-')}-{place.insee[:2]}"


def emplois_inclusion(place: Place) -> PartnerLink:
    """les emplois de l'inclusion's IAE job offers around a commune."""
    return PartnerLink("les emplois de l'inclusion", f"Offres IAE autour de {place.name} (les emplois de l'inclusion)",
                       _url(EMPLOIS_INCLUSION_SEARCH, city=commune_slug(place), distance=INCLUSION_RADIUS_KM))


def mes_rdv_emploi(departement: str = "13") -> PartnerLink:
    """Mes rdv emploi's employment events of a département."""
    return PartnerLink("Mes rdv emploi", "Événements emploi du département (Mes rdv emploi)",
                       _url(MES_RDV_EMPLOI, departement=departement))
