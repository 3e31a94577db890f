"""The caseload: the people an AE (or an organisation's managers) follow, filtered and sorted."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import aliased

from webapp.accounts.home import HomeCard, HomeRequest, count
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.pagination import Page
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

# The lead's matching fills this: the rows of the page (id, version, updated_at, status and
# pole_id, see ROW_COLUMNS) -> {profile id: open offers within reach, or None while they are
# being counted (the page asks for them once shown, see reach_rows)}.
OffersInReach = Callable[[Sequence[Row]], Mapping[int, int | None]]


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
    reach_pending: bool = False  # its offers in reach are being counted


@dataclass(frozen=True)
class Caseload:
    page: Page[CaseloadRow]
    stale_count: int
    stale_weeks: int
    shows_adviser: bool
    shows_offers_in_reach: bool
    reach_pending: tuple[int, ...] = ()  # the people whose offers in reach are being counted


def _conditions(filters: CaseloadFilters, stale_before: datetime) -> list:
    """The SQL conditions of the filters (the user's visibility aside)."""
    conditions = []
    if filters.status == ACTIVE:
        conditions.append(Profile.status != "left")
    elif filters.status in PROFILE_STATUSES:
        conditions.append(Profile.status == filters.status)
    if filters.readiness in ("oui", "non"):
        conditions.append(Profile.job_ready.is_(filters.readiness == "oui"))
    if filters.parcours in PARCOURS:
        conditions.append(Profile.parcours == filters.parcours)
    if filters.stale:
        conditions.append(Profile.updated_at < stale_before)
    if filters.ae_id:
        conditions.append(Profile.ae_id == filters.ae_id)
    if filters.q.strip():
        pattern = f"%{filters.q.strip().lower()}%"
        conditions.append(or_(func.lower(Profile.label).like(pattern),
                              func.lower(Profile.reference).like(pattern),
                              func.lower(Profile.external_ref).like(pattern)))
    return conditions


# What a row shows (and what the offers in reach are keyed by), read as plain columns with its
# commune's name, its adviser's name and its first target job, in one query for the page.
ROW_COLUMNS = (Profile.id, Profile.reference, Profile.label, Profile.status, Profile.parcours,
               Profile.job_ready, Profile.job_ready_since, Profile.updated_at, Profile.version,
               Profile.pole_id, Profile.target_titles)


ADVISER = aliased(User)


def _shown_names() -> tuple:
    """SQL, per profile: its commune's name, its adviser's name and its first target job (by
    rank). Subqueries of the page's select, so they run for the rows shown only."""
    commune = select(Commune.name).where(Commune.insee == Profile.commune_insee)
    adviser = select(ADVISER.display_name).where(ADVISER.id == Profile.ae_id)
    first_code = (select(ProfileTarget.rome_code).where(ProfileTarget.profile_id == Profile.id)
                  .order_by(ProfileTarget.rank, ProfileTarget.id).limit(1)
                  .correlate(Profile).scalar_subquery())
    first_target = select(RomeCode.label).where(RomeCode.code == first_code)
    return (commune.scalar_subquery().label("commune"), adviser.scalar_subquery().label("adviser"),
            first_target.scalar_subquery().label("first_target"))


def _counts(user: User, conditions: list, stale_before: datetime) -> tuple[int, int]:
    """(people matching the filters, active people not updated since `stale_before`): the
    user's caseload read once for both."""
    matching = func.count(Profile.id)
    if conditions:
        matching = matching.filter(and_(*conditions))
    stale = func.count(Profile.id).filter(Profile.status != "left", Profile.updated_at < stale_before)
    total, stale_count = db.session.execute(
        select(matching, stale).where(visible_clause(user, CASELOAD_ACTION, Profile))).one()
    return total or 0, stale_count or 0


def _page_rows(user: User, conditions: list, sort: list, number: int, size: int,
               stale_before: datetime) -> list[Row]:
    """The rows of one page, in the wanted order, with what each row shows."""
    return db.session.execute(
        select(*ROW_COLUMNS, *_shown_names(), (Profile.updated_at < stale_before).label("stale"))
        .where(visible_clause(user, CASELOAD_ACTION, Profile), *conditions)
        .order_by(*sort).limit(size).offset((number - 1) * size)
    ).all()


def _row(row: Row, offers: Mapping[int, int | None] | None) -> CaseloadRow:
    return CaseloadRow(
        id=row.id, reference=row.reference,
        label=Profile.display_label.fget(row),  # the profile's rule, on a plain row
        status_label=PROFILE_STATUSES.get(row.status, row.status),
        status_tone=STATUS_TONES.get(row.status, ""),
        parcours_label=PARCOURS.get(row.parcours, row.parcours),
        job_ready=row.job_ready, job_ready_since=row.job_ready_since,
        updated_at=row.updated_at, stale=bool(row.stale), commune=row.commune,
        main_target=row.first_target or ", ".join(row.target_titles or []),
        adviser=row.adviser or "—",
        offers_in_reach=offers.get(row.id) if offers is not None else None,
        reach_pending=offers is not None and row.id in offers and offers[row.id] is None,
    )


def caseload(user: User, filters: CaseloadFilters, page_size: int, stale_weeks: int,
             now: datetime | None = None, offers_in_reach: OffersInReach | None = None) -> Caseload:
    """The user's caseload page: one row per profile, with the stale alert and the filters.
    Two queries whatever the page size: the counts, then the page's rows."""
    now = now or clock.now()
    stale_before = now - timedelta(weeks=stale_weeks)
    conditions = _conditions(filters, stale_before)
    total, stale_count = _counts(user, conditions, stale_before)
    number = min(max(1, filters.page), max(1, -(-total // page_size)))
    sort = SORTS.get(filters.sort, SORTS["nom"])[1]()
    rows = _page_rows(user, conditions, sort, number, page_size, stale_before) if total else []
    offers = offers_in_reach(rows) if offers_in_reach and rows else None
    items = [_row(row, offers) for row in rows]
    return Caseload(
        page=Page(items=items, total=total, number=number, size=page_size),
        stale_count=stale_count, stale_weeks=stale_weeks,
        shows_adviser=shows_adviser(user), shows_offers_in_reach=offers is not None,
        reach_pending=tuple(item.id for item in items if item.reach_pending),
    )


def reach_rows(user: User, profile_ids: Sequence[int]) -> list[Row]:
    """What the offers in reach of these people are keyed by (see ROW_COLUMNS), for those in
    the user's caseload only."""
    if not profile_ids:
        return []
    return db.session.execute(
        select(Profile.id, Profile.version, Profile.updated_at, Profile.status, Profile.pole_id)
        .where(visible_clause(user, CASELOAD_ACTION, Profile), Profile.id.in_(profile_ids))
        .order_by(Profile.id)
    ).all()


def shows_adviser(user: User) -> bool:
    """True for managers, who see several AEs' people and want to know whose they are."""
    return may(user, "profile.create") and _follows_many(user)


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
