"""A person's access request: everything held about one profile, as one JSON document.

The document is made of the sections of `registries.export_sections`: the profile's own (below)
and those other features contribute (cellule, promotions, immersions…), each naming the tables
it reads, so that a test can check that every table about a person is exported.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.core import clock, registries
from webapp.core.access_log import log_access, profile_accesses
from webapp.core.errors import Invalid
from webapp.core.models import ACCESS_ACTIONS
from webapp.core.registries import ExportSection
from webapp.extensions import db
from webapp.profiles.exchange import exchange_record
from webapp.profiles.history import FIELDS, history, snapshot
from webapp.profiles.models import SHARE_REASONS, Profile

EXPORT_FORMAT = "passerelle-droit-d-acces/1"


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 with its offset (SQLite hands back naive UTC datetimes)."""
    if moment is None:
        return None
    return clock.aware(moment).isoformat()


def _name(user: User | None) -> str:
    return user.display_name if user else "Plateforme (commande ou import)"


def _profile_section(profile: Profile) -> dict[str, Any]:
    return {
        "reference_plateforme": profile.reference,
        "organisation": profile.organisation.name,
        "cree_le": _iso(profile.created_at),
        "mis_a_jour_le": _iso(profile.updated_at),
        "champs": {FIELDS[key][0]: value for key, value in snapshot(profile).items()},
        "format_d_echange": exchange_record(profile),
    }


def _history_section(profile: Profile) -> list[dict[str, Any]]:
    return [{"le": _iso(entry.at), "par": entry.author, "type": entry.kind,
             "changements": [{"champ": c["label"], "avant": c["old"], "apres": c["new"]}
                             for c in entry.changes]}
            for entry in reversed(history(profile, show_external_ref=True))]


def _consent_section(profile: Profile) -> list[dict[str, Any]]:
    return [{"le": _iso(change.at), "accord": "donné" if change.given else "retiré",
             "enregistre_par": _name(change.recorded_by)}
            for change in reversed(profile.consent_changes)]


def _shares_section(profile: Profile) -> list[dict[str, Any]]:
    return [{"avec": share.user.display_name, "motif": SHARE_REASONS.get(share.reason, share.reason),
             "depuis": _iso(share.since)} for share in profile.shares]


def _access_section(profile: Profile) -> list[dict[str, Any]]:
    return [{"le": _iso(entry.at), "par": _name(entry.user),
             "action": ACCESS_ACTIONS.get(entry.action, entry.action), "page": entry.page}
            for entry in profile_accesses(profile)]


PROFILE_SECTIONS = (
    ExportSection("profil", _profile_section, ("profile", "profile_target")),
    ExportSection("historique", _history_section, ("profile_change",)),
    ExportSection("consentement", _consent_section, ("consent_change",)),
    ExportSection("partages", _shares_section, ("profile_share",)),
    ExportSection("journal_des_acces", _access_section, ("access_log",)),
)


def export_profile(profile: Profile, by: User | None, page: str,
                   now: datetime | None = None) -> dict[str, Any]:
    """Log the export, then build every registered section."""
    now = now or clock.now()
    log_access(by, profile, "export", page, now)
    sections = {section.key: section.build(profile) for section in registries.export_sections}
    return {"format": EXPORT_FORMAT, "genere_le": now.isoformat(), **sections}


def find_profile(reference: str) -> Profile:
    """The profile with this platform reference, else this external reference (when unique)."""
    wanted = reference.strip().upper()
    profile = db.session.scalar(select(Profile).where(func.upper(Profile.reference) == wanted))
    if profile is not None:
        return profile
    found = db.session.scalars(
        select(Profile).where(func.upper(Profile.external_ref) == wanted)).all()
    if len(found) == 1:
        return found[0]
    if found:
        references = ", ".join(sorted(p.reference for p in found))
        raise Invalid(f"La référence externe « {reference} » désigne plusieurs profils "
                      f"({references}) : indiquez la référence de la plateforme.", "reference")
    raise Invalid(f"Aucun profil ne porte la référence « {reference} ».", "reference")
