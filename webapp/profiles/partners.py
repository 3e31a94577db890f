"""The partners' tools from a person's page: DORA's services for each of their obstacles,
Immersion Facilitée's host companies and OUIFORM's training for each target job. The links
carry the person's commune and the job's ROME code, nothing else."""

from dataclasses import dataclass

from webapp.accounts.models import User
from webapp.core.partner_links import (
    PartnerLink,
    Place,
    dora_for_barrier,
    immersion_hosts,
    ouiform_training,
)
from webapp.core.permissions import can
from webapp.profiles.models import BARRIERS, Profile


@dataclass(frozen=True)
class PersonLinks:
    obstacles: tuple[tuple[str, PartnerLink], ...]  # (obstacle label, DORA link)
    jobs: tuple[tuple[str, tuple[PartnerLink, ...]], ...]  # (job label, links)

    def __bool__(self) -> bool:
        return bool(self.obstacles or self.jobs)


def place_of(profile: Profile) -> Place:
    """The person's commune, as a link may carry it."""
    commune = profile.commune
    return Place(commune.insee, commune.name, commune.lat, commune.lon)


def person_links(profile: Profile, viewer: User) -> PersonLinks:
    """The links for those who accompany the person; none for the others."""
    if not can(viewer, "profile.partner_links", profile):
        return PersonLinks((), ())
    place = place_of(profile)
    obstacles = tuple((BARRIERS[key], link) for key in BARRIERS if key in (profile.barriers or {})
                      if (link := dora_for_barrier(key, place)))
    jobs = tuple((target.rome.label, (immersion_hosts(target.rome_code, target.rome.label, place),
                                      ouiform_training(target.rome_code, target.rome.label)))
                 for target in sorted(profile.targets, key=lambda t: t.rank))
    return PersonLinks(obstacles, jobs)
