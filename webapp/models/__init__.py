"""All models, importable from one place (Alembic sees every table through this module)."""

from webapp.models.base import TimestampMixin
from webapp.models.cellule import (
    LINE_KINDS,
    MEMBER_ROLES,
    OPEN_PROPOSAL_STATUSES,
    PROPOSAL_STATUSES,
    RHYTHMS,
    SESSION_STATUSES,
    WEEKDAYS,
    AgendaItem,
    Cellule,
    CelluleMember,
    CelluleSession,
    ProfileProposal,
    SessionLine,
)
from webapp.models.company import COMPANY_LABELS, SIZE_BANDS, Company, CompanyContact
from webapp.models.employer_account import (
    REGISTRATION_STATUSES,
    EmployerInvitation,
    EmployerRegistration,
)
from webapp.models.employment_event import (
    EVENT_TYPES,
    EmploymentEvent,
    EventInvitation,
)
from webapp.models.hiring_need import (
    CLOSED_NEED_STATUSES,
    NEED_STATUSES,
    OPEN_NEED_STATUSES,
    HiringNeed,
    NeedEvent,
    NeedMessage,
)
from webapp.models.immersion import (
    ATTENDANCE,
    CONVENTION_KINDS,
    IMMERSION_OBJECTIVES,
    IMMERSION_OUTCOMES,
    IMMERSION_STATUSES,
    TUTOR_CRITERIA,
    TUTOR_RATINGS,
    Immersion,
    ImmersionAssessment,
    ImmersionStep,
)
from webapp.models.matching import MatchingWeights, Shortlist, ShortlistEntry
from webapp.models.offer import (
    CONTRACTS,
    EVENT_KINDS,
    OFFER_STATUSES,
    VISIBILITIES,
    Offer,
    OfferEvent,
    OfferPairDismissal,
    OfferSource,
)
from webapp.models.organisation import ORGANISATION_KINDS, Organisation
from webapp.models.privacy import (
    ACCESS_ACTIONS,
    CHANGE_KINDS,
    PURGE_CAUSES,
    SHARE_REASONS,
    AccessLog,
    ConsentChange,
    ProfileChange,
    ProfileShare,
    RetainedStatistic,
)
from webapp.models.profile import (
    BARRIERS,
    PARCOURS,
    PROFILE_STATUSES,
    TRAVEL_MODES,
    Profile,
    ProfileTarget,
)
from webapp.models.promotion import (
    CLOSED_STEPS,
    MEETING_KINDS,
    NEXT_STEPS,
    NOT_HIRED_REASONS,
    NOT_INTERESTED_REASONS,
    STEP_KINDS,
    Promotion,
    PromotionStep,
)
from webapp.models.prospection import (
    CompanyContactLog,
    DoNotSolicit,
    ProspectionAction,
    ProspectionTarget,
    TargetEvent,
    TargetMember,
    TargetRequest,
)
from webapp.models.reference import Commune, JobTerm, Naf, NafRome, Pole, RomeCode, RomeDomain
from webapp.models.user import ROLES, Membership, User

__all__ = [
    "BARRIERS", "CONTRACTS", "OFFER_STATUSES", "ORGANISATION_KINDS", "PARCOURS",
    "PROFILE_STATUSES", "ROLES", "SIZE_BANDS", "TRAVEL_MODES", "VISIBILITIES",
    "Commune", "Company", "CompanyContact", "JobTerm", "Membership", "Naf", "NafRome",
    "Offer", "OfferEvent", "Organisation", "Pole", "Profile", "ProfileTarget", "RomeCode",
    "RomeDomain", "TimestampMixin", "User",
]
__all__ += [
    "CLOSED_NEED_STATUSES", "NEED_STATUSES", "OPEN_NEED_STATUSES", "REGISTRATION_STATUSES",
    "EmployerInvitation", "EmployerRegistration", "HiringNeed", "NeedEvent", "NeedMessage",
]
__all__ += [
    "ACCESS_ACTIONS", "CHANGE_KINDS", "PURGE_CAUSES", "SHARE_REASONS", "AccessLog",
    "ConsentChange", "ProfileChange", "ProfileShare", "RetainedStatistic",
]
__all__ += ["COMPANY_LABELS", "EVENT_KINDS", "OfferPairDismissal", "OfferSource"]
__all__ += ["MatchingWeights", "Shortlist", "ShortlistEntry"]
__all__ += [
    "ATTENDANCE", "CONVENTION_KINDS", "IMMERSION_OBJECTIVES", "IMMERSION_OUTCOMES",
    "IMMERSION_STATUSES", "TUTOR_CRITERIA", "TUTOR_RATINGS", "Immersion", "ImmersionAssessment",
    "ImmersionStep",
]
__all__ += [
    "CompanyContactLog", "DoNotSolicit", "ProspectionAction", "ProspectionTarget", "TargetEvent",
    "TargetMember", "TargetRequest",
]
__all__ += [
    "CLOSED_STEPS", "EVENT_TYPES", "LINE_KINDS", "MEETING_KINDS", "MEMBER_ROLES", "NEXT_STEPS",
    "NOT_HIRED_REASONS", "NOT_INTERESTED_REASONS", "OPEN_PROPOSAL_STATUSES", "PROPOSAL_STATUSES",
    "RHYTHMS", "SESSION_STATUSES", "STEP_KINDS", "WEEKDAYS", "AgendaItem", "Cellule",
    "CelluleMember", "CelluleSession", "EmploymentEvent", "EventInvitation", "ProfileProposal",
    "Promotion", "PromotionStep", "SessionLine",
]
