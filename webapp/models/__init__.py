"""All models, importable from one place (Alembic sees every table through this module)."""

from webapp.models.base import TimestampMixin, utcnow
from webapp.models.company import SIZE_BANDS, Company, CompanyContact
from webapp.models.offer import CONTRACTS, OFFER_STATUSES, VISIBILITIES, Offer, OfferEvent
from webapp.models.organisation import ORGANISATION_KINDS, Organisation
from webapp.models.profile import (
    BARRIERS,
    PARCOURS,
    PROFILE_STATUSES,
    TRAVEL_MODES,
    Profile,
    ProfileTarget,
)
from webapp.models.reference import Commune, JobTerm, Naf, NafRome, Pole, RomeCode, RomeDomain
from webapp.models.user import ROLES, Membership, User

__all__ = [
    "BARRIERS", "CONTRACTS", "OFFER_STATUSES", "ORGANISATION_KINDS", "PARCOURS",
    "PROFILE_STATUSES", "ROLES", "SIZE_BANDS", "TRAVEL_MODES", "VISIBILITIES",
    "Commune", "Company", "CompanyContact", "JobTerm", "Membership", "Naf", "NafRome",
    "Offer", "OfferEvent", "Organisation", "Pole", "Profile", "ProfileTarget", "RomeCode",
    "RomeDomain", "TimestampMixin", "User", "utcnow",
]
