"""DORA's services from a caseload's obstacles: for each obstacle a service can lift, a search
around the commune where most of the caseload lives (a commune, never a person)."""

from sqlalchemy import func, select

from matching.obstacles import Obstacle
from webapp.accounts.models import User
from webapp.core.partner_links import PartnerLink, Place, dora_for_obstacle
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.reference.models import Commune


def caseload_place(user: User) -> Place | None:
    """The commune most of the user's caseload lives in, or None for an empty caseload."""
    insee = db.session.scalar(
        select(Profile.commune_insee).where(visible_clause(user, "profile.caseload", Profile))
        .group_by(Profile.commune_insee).order_by(func.count(Profile.id).desc(), Profile.commune_insee)
        .limit(1))
    commune = db.session.get(Commune, insee) if insee else None
    return Place(commune.insee, commune.name, commune.lat, commune.lon) if commune else None


def obstacle_links(user: User, obstacles: list[Obstacle]) -> dict[str, PartnerLink]:
    """Obstacle category -> DORA link, for the obstacles a service can lift."""
    place = caseload_place(user) if obstacles else None
    if place is None:
        return {}
    return {o.category: link for o in obstacles if (link := dora_for_obstacle(o.category, place))}
