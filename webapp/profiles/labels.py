"""Who may read a person's name: one rule for every page, list, export and agenda showing a
person. Everyone else reads who follows them ("Personne suivie par …")."""

from sqlalchemy import false
from sqlalchemy.orm import joinedload

from webapp.accounts.models import User
from webapp.core.permissions import can, visible_clause
from webapp.profiles.models import Profile


def label_loads(path) -> tuple:
    """Loader options for the profiles reached by `path` (a relationship to Profile): what
    `person_label` and `shows_person` read, loaded with the list rather than one by one."""
    return (joinedload(path).selectinload(Profile.shares),
            joinedload(path).joinedload(Profile.organisation))


def shows_person(profile: Profile, viewer: User | None, *, met: bool = False) -> bool:
    """True when the viewer may read the person's name: they may see the profile, or they are
    the employer the person agreed to meet (`met`: an immersion past its convention)."""
    return met or (viewer is not None and can(viewer, "profile.view", profile))


def shows_person_clause(viewer: User | None):
    """SQL twin of `shows_person` (`met` aside): true on the profiles whose name the viewer may
    read. A list selects it as a column instead of checking its people one by one."""
    return visible_clause(viewer, "profile.view", Profile) if viewer is not None else false()


def hidden_label(organisation_name: str) -> str:
    """What a viewer who may not read a person's name reads instead."""
    return f"Personne suivie par {organisation_name}"


def person_label(profile: Profile, viewer: User | None, *, met: bool = False) -> str:
    """The person's name for a viewer who may read it, else the organisation following them."""
    if shows_person(profile, viewer, met=met):
        return profile.display_label
    return hidden_label(profile.organisation.name)
