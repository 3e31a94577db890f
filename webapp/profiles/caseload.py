"""The caseload: the people an AE (or an organisation's managers) follow, filtered and sorted."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import lazyload, load_only

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.pagination import Page, paginate
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.profiles.models import PARCOURS, PROFILE_STATUSES, Profile, ProfileTarget
from webapp.reference.models import Commune, RomeCode

CASELOAD_ACTION = "profile.caseload"
ACTIVE, EVERYONE = "", "tous"
STATUS_FILTERS: dict[str, str] = {
    ACTIVE: "Toutes sauf sorties", **PROFILE_STATUSES, EVERYONE: "Toutes, sorties comprises",
}
READINESS_FILTERS: dict[str, str] = {"": "Tous", "oui": "Proches de l'emploi", "non": "Pas encore"}
SORTS: dict[str, tuple[str, Callable[[], list]]] = {
    "nom": ("Nom d'usage", lambda: [func.lower(Profile.label), Profile.id]),
    "maj": ("Plus anciennes mises à jour d'abord", lambda: [Profile.updated_at, Profile.id]),
    "-maj": ("Plus récentes mises à jour d'abord", lambda: [Profile.updated_at.desc(), Profile.id]),
    "situation": ("Situation", lambda: [Profile.status, func.lower(Profile.label), Profile.id]),
    "pret": ("Proches de l'emploi d'abord",
             lambda: [Profile.job_ready.desc(), func.lower(Profile.label), Profile.id]),
}
STATUS_TONES = {"hired": "good", "left": "muted", "paused": "muted", "proposed": "warn",
                "promoted": "warn", "immersion": "warn"}

# The lead's matching fills this: profiles of the page (ROW_COLUMNS loaded) -> {profile id: open
# offers within reach}.
OffersInReach = Callable[[Sequence[Profile]], Mapping[int, int]]


@dataclass(frozen=True)
class CaseloadFilters:
    status: str = ACTIVE
    readiness: str = ""
    parcours: str = ""
    stale: bool = False
    q: str = ""
    ae_id: int | None = None
    sort: str = "nom"
    page: int = 1


@dataclass(frozen=True)
class CaseloadRow:
    id: int
    reference: str
    label: str
    status_label: str
    status_tone: str
    parcours_label: str
    job_ready: bool
    job_ready_since: date | None
    updated_at: datetime
    stale: bool
    commune: str
    main_target: str
    adviser: str
    offers_in_reach: int | None = None


@dataclass(frozen=True)
class Caseload:
    page: Page[CaseloadRow]
    stale_count: int
    stale_weeks: int
    shows_adviser: bool
    shows_offers_in_reach: bool


def _filtered(user: User, filters: CaseloadFilters, stale_before: datetime):
    statement = select(Profile).where(visible_clause(user, CASELOAD_ACTION, Profile))
    if filters.status == ACTIVE:
        statement = statement.where(Profile.status != "left")
    elif filters.status in PROFILE_STATUSES:
        statement = statement.where(Profile.status == filters.status)
    if filters.readiness in ("oui", "non"):
        statement = statement.where(Profile.job_ready.is_(filters.readiness == "oui"))
    if filters.parcours in PARCOURS:
        statement = statement.where(Profile.parcours == filters.parcours)
    if filters.stale:
        statement = statement.where(Profile.updated_at < stale_before)
    if filters.ae_id:
        statement = statement.where(Profile.ae_id == filters.ae_id)
    if filters.q.strip():
        pattern = f"%{filters.q.strip().lower()}%"
        statement = statement.where(or_(func.lower(Profile.label).like(pattern),
                                        func.lower(Profile.reference).like(pattern),
                                        func.lower(Profile.external_ref).like(pattern)))
    return statement


# What a row shows (and what the offers in reach are keyed by): the page loads these columns
# only, then its communes' names and first target jobs in one query each.
ROW_COLUMNS = (Profile.id, Profile.reference, Profile.label, Profile.status, Profile.parcours,
               Profile.job_ready, Profile.job_ready_since, Profile.updated_at, Profile.version,
               Profile.commune_insee, Profile.ae_id, Profile.pole_id, Profile.target_titles)


@dataclass(frozen=True)
class _Shown:
    """The names a page of rows shows besides the profile's own columns."""

    communes: Mapping[str, str]
    first_targets: Mapping[int, str]


def _shown(profiles: Sequence[Profile]) -> _Shown:
    communes = dict(db.session.execute(select(Commune.insee, Commune.name).where(
        Commune.insee.in_({p.commune_insee for p in profiles}))).all())
    first_targets: dict[int, str] = {}
    for profile_id, label in db.session.execute(
        select(ProfileTarget.profile_id, RomeCode.label)
        .join(RomeCode, RomeCode.code == ProfileTarget.rome_code)
        .where(ProfileTarget.profile_id.in_([p.id for p in profiles]))
        .order_by(ProfileTarget.profile_id, ProfileTarget.rank)
    ):
        first_targets.setdefault(profile_id, label)
    return _Shown(communes, first_targets)


def _row(profile: Profile, stale: bool, offers: Mapping[int, int] | None, shown: _Shown) -> CaseloadRow:
    first = shown.first_targets.get(profile.id)
    return CaseloadRow(
        id=profile.id, reference=profile.reference, label=profile.display_label,
        status_label=profile.status_label, status_tone=STATUS_TONES.get(profile.status, ""),
        parcours_label=PARCOURS.get(profile.parcours, profile.parcours),
        job_ready=profile.job_ready, job_ready_since=profile.job_ready_since,
        updated_at=profile.updated_at, stale=stale, commune=shown.communes[profile.commune_insee],
        main_target=first if first else ", ".join(profile.target_titles or []),
        adviser=profile.ae.display_name if profile.ae else "—",
        offers_in_reach=offers.get(profile.id) if offers is not None else None,
    )


def caseload(user: User, filters: CaseloadFilters, page_size: int, stale_weeks: int,
             now: datetime | None = None, offers_in_reach: OffersInReach | None = None) -> Caseload:
    """The user's caseload page: one row per profile, with the stale alert and the filters."""
    now = now or clock.now()
    stale_before = now - timedelta(weeks=stale_weeks)
    statement = _filtered(user, filters, stale_before)
    sort = SORTS.get(filters.sort, SORTS["nom"])[1]
    page = paginate(statement.order_by(*sort()), filters.page, page_size, load_only(*ROW_COLUMNS),
                    lazyload(Profile.commune), lazyload(Profile.targets))
    profiles = page.items
    stale_ids = set(db.session.scalars(
        select(Profile.id).where(Profile.id.in_([p.id for p in profiles]),
                                 Profile.updated_at < stale_before)
    )) if profiles else set()
    offers = offers_in_reach(profiles) if offers_in_reach and profiles else None
    shown = _shown(profiles) if profiles else _Shown({}, {})
    rows = tuple(_row(p, p.id in stale_ids, offers, shown) for p in profiles)
    stale_count = db.session.scalar(select(func.count(Profile.id)).where(
        visible_clause(user, CASELOAD_ACTION, Profile), Profile.status != "left",
        Profile.updated_at < stale_before)) or 0
    return Caseload(
        page=replace(page, items=list(rows)), stale_count=stale_count,
        stale_weeks=stale_weeks, shows_adviser=may(user, "profile.create") and _follows_many(user),
        shows_offers_in_reach=offers is not None,
    )


def _follows_many(user: User) -> bool:
    """True for managers, who see several AEs' people and want to know whose they are."""
    return may(user, "profile.by_adviser")


def adviser_choices(user: User) -> list[tuple[int, str]]:
    """The AEs whose people the user sees, for the caseload's référent filter."""
    rows = db.session.execute(
        select(User.id, User.display_name).join(Profile, Profile.ae_id == User.id)
        .where(visible_clause(user, CASELOAD_ACTION, Profile))
        .group_by(User.id, User.display_name).order_by(User.display_name)
    )
    return [(user_id, name) for user_id, name in rows]


def caseload_cards(home: HomeRequest) -> list[HomeCard]:
    """Home cards of the people a user follows: how many, how many stale, how many ready."""
    user, now = home.user, home.now
    if not may(user, "profile.caseload"):  # a CRE's shared profiles are not a caseload
        return []
    caseload = visible_clause(user, "profile.caseload", Profile)
    active = Profile.status != "left"
    stale = count(select(func.count(Profile.id)).where(
        caseload, active, Profile.updated_at < now - timedelta(weeks=home.stale_weeks)
    ))
    ready = count(select(func.count(Profile.id)).where(
        caseload, Profile.job_ready, Profile.status == "accompaniment"
    ))
    return [
        HomeCard("Personnes suivies", count(select(func.count(Profile.id)).where(caseload, active)),
                 "profils en accompagnement que vous pouvez consulter", endpoint="profiles.caseload"),
        HomeCard("Profils à mettre à jour", stale,
                 f"sans mise à jour depuis plus de {home.stale_weeks} semaines",
                 "attention" if stale else "good", endpoint="profiles.caseload",
                 params={"stale": "y"}),
        HomeCard("Prêts pour l'emploi", ready, "proches de l'emploi, pas encore proposés",
                 endpoint="profiles.caseload", params={"readiness": "oui", "status": "accompaniment"}),
    ]
