"""Live shortlists for the screens: candidates for an offer, offers within a person's reach,
and the people and offers behind one obstacle of a caseload (the table of its obstacles is
computed by the task queue: stored_obstacles.py)."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from matching.engine import Engine
from matching.obstacles import OBSTACLE_LABELS, obstacle_members
from matching.results import Match
from matching.weights import ENGINE_VERSION
from webapp.accounts.models import User
from webapp.core import clock
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import TRAVEL_MODES, Profile
from webapp.reference.referential import engine_referential
from webapp.shortlists.inputs import (
    RANKED_PROFILE_STATUSES,
    built_offer_pool,
    exchange_profiles,
    offer_pool,
    offer_to_exchange,
    profile_pool,
)
from webapp.shortlists.models import Shortlist, ShortlistEntry
from webapp.shortlists.weights import COMPONENT_LABELS, recent_weights_for, weight_shares
from webapp.shortlists.wording import spoken_reasons

SHORTLIST_SIZE = 20
TRAVEL_TO_CHECK = "trajet à vérifier"  # same large commune, place unknown: ask the person
REACH_SIZE = 10
# Building an offer pool costs about as much per offer as ranking 64 people against it (demo
# ×10: 195 ms for 9,100 offers; 70 people ranked against them in some 135 ms).
POOL_BUILD_PAIRS_PER_OFFER = 64


def engine_for(pole_id: int | None) -> Engine:
    """The engine with the weights of a territory."""
    return Engine(engine_referential(), recent_weights_for(pole_id), today=clock.today())


@dataclass(frozen=True)
class ComponentBar:
    label: str
    percent: int


@dataclass(frozen=True)
class MatchCard:
    """One ranked line on a page: whom or what, the score, why."""

    record_id: int
    title: str
    subtitle: str
    score: float
    bars: tuple[ComponentBar, ...]
    travel: str
    reasons: tuple[str, ...]
    travel_mode: str = ""  # walk, bike, public_transport, car, carpool, two_wheeler
    travel_mode_label: str = ""  # « À pied »: always beside the mode's drawing
    travel_detail: str = ""  # « 23 min (1,8 km) »
    travel_badge: str = ""  # « trajet à vérifier » when the estimate cannot be trusted


@dataclass(frozen=True)
class RankedList:
    cards: tuple[MatchCard, ...]
    matched: int
    excluded: int
    exclusion_summary: str
    engine_version: str
    weights: dict[str, int]  # French label -> share of the score in percent
    rome_to_confirm: bool = False


def travel_text(match: Match) -> str:
    """« 23 min à pied (1,8 km) »."""
    mode = TRAVEL_MODES.get(match.travel.mode, match.travel.mode).lower()
    km = f"{match.travel.km:.1f}".replace(".", ",")
    return f"{match.travel.minutes} min {mode} ({km} km)"


def travel_detail(match: Match) -> str:
    """« 23 min (1,8 km) », shown after the mode's drawing and name."""
    km = f"{match.travel.km:.1f}".replace(".", ",")
    return f"{match.travel.minutes} min ({km} km)"


def _card(match: Match, record_id: int, title: str, subtitle: str) -> MatchCard:
    components = match.components.to_dict()
    bars = tuple(ComponentBar(COMPONENT_LABELS[name], round(value * 100))
                 for name, value in components.items())
    mode = match.travel.mode
    return MatchCard(record_id, title, subtitle, match.score, bars, travel_text(match),
                     spoken_reasons(match.reasons), mode, TRAVEL_MODES.get(mode, mode),
                     travel_detail(match), TRAVEL_TO_CHECK if match.travel.to_check else "")


def candidates_for_offer(user: User, offer: Offer, top: int = SHORTLIST_SIZE) -> RankedList:
    """The best profiles this user may see for an offer, with the exclusions counted."""
    engine = engine_for(offer.pole_id)
    indexed = profile_pool(engine, visible_clause(user, "profile.view", Profile))
    record = offer_to_exchange(offer)

    def ranked() -> RankedList:
        result = engine.rank_profiles(record, indexed.pool, top=top)
        cards = []
        for match in result.matches:
            row = indexed.rows_by_reference[match.profile_id]
            cards.append(_card(match, row.id, row.label, row.reference))
        return RankedList(tuple(cards), result.candidates - result.excluded_count,
                          result.excluded_count, result.exclusion_summary(), ENGINE_VERSION,
                          weight_shares(engine.weights), result.rome_to_confirm)

    # The cards as well as the ranking: their wording is made once per offer and pool.
    return indexed.remembered(("candidates", repr(record), engine.weights, engine.today, top), ranked)


def offers_for_profile(user: User, profile: Profile, top: int = REACH_SIZE) -> RankedList:
    """The best open offers this user may see for a person, with the exclusions counted."""
    engine = engine_for(profile.pole_id)
    if profile.status not in RANKED_PROFILE_STATUSES:  # hired, paused, left: no offers
        return RankedList((), 0, 0, "", ENGINE_VERSION, weight_shares(engine.weights))
    indexed = offer_pool(engine, visible_clause(user, "offer.view", Offer))
    records, _ = exchange_profiles([profile])
    if not records:
        return RankedList((), 0, 0, "", ENGINE_VERSION, weight_shares(engine.weights))

    def ranked() -> RankedList:
        result = engine.rank_offers(records[0], indexed.pool, top=top)
        cards = []
        for match in result.matches:
            row = indexed.rows_by_reference[match.offer_id]
            cards.append(_card(match, row.id, row.title, row.company))
        return RankedList(tuple(cards), result.candidates - result.excluded_count,
                          result.excluded_count, result.exclusion_summary(), ENGINE_VERSION,
                          weight_shares(engine.weights))

    # The cards as well as the ranking: their wording is made once per person and pool.
    return indexed.remembered(("reach", repr(records[0]), engine.weights, engine.today, top), ranked)


def offers_in_reach(user: User, profiles: Sequence, inline_work: int | None = None
                    ) -> dict[int, int | None]:
    """For each profile, how many open offers the user may see pass every hard constraint
    (none counted for people hired, paused or gone). Reads the profiles' id, version,
    updated_at, status and pole only (profiles or plain rows): a person seen before against the
    same offer pool costs a lookup; the others are loaded whole and ranked in one call.

    With `inline_work`, people not counted yet get None instead when counting them here would
    cost more than ranking `inline_work` person × offer pairs (a fresh worker's first caseload
    view, the first after an offer changed: 300-600 ms at demo ×10); nothing is built or ranked
    then."""
    profiles = [p for p in profiles if p.status in RANKED_PROFILE_STATUSES]
    if not profiles:
        return {}
    engine = engine_for(profiles[0].pole_id)
    condition = visible_clause(user, "offer.view", Offer)
    indexed, size = built_offer_pool(condition) if inline_work is not None else (None, 0)
    memo = indexed.memo if indexed is not None else {}
    # Every change to a profile's row bumps its version (and the edits stamp updated_at),
    # which is what the pools' fingerprint trusts too.
    key = {p.id: ("in_reach", p.id, p.version, p.updated_at, engine.weights, engine.today)
           for p in profiles}
    missing = [p.id for p in profiles if key[p.id] not in memo]
    to_build = POOL_BUILD_PAIRS_PER_OFFER if indexed is None else 0
    if inline_work is not None and missing and (len(missing) + to_build) * size > inline_work:
        return {p.id: memo.get(key[p.id]) for p in profiles}
    indexed = indexed or offer_pool(engine, condition)
    counts = {p.id: indexed.memo.get(key[p.id], 0) for p in profiles}
    missing = [p.id for p in profiles if key[p.id] not in indexed.memo]
    if not missing:
        return counts
    whole = db.session.scalars(select(Profile).where(Profile.id.in_(missing))
                               .execution_options(populate_existing=True)).all()
    records, _ = exchange_profiles(whole)
    id_of = {p.reference: p.id for p in whole}
    for result in engine.rank_all_profiles(records, indexed.pool, top=0) if records else ():
        profile_id = id_of[result.profile_id]
        counts[profile_id] = indexed.remembered(
            key[profile_id], lambda r=result: r.candidates - r.excluded_count)
    return counts


@dataclass(frozen=True)
class ObstacleDetail:
    """One obstacle of a caseload: its people and the offers it closes (rows, by label/title)."""

    category: str
    label: str
    people: tuple[Profile, ...]
    offers: tuple[Offer, ...]
    opened_offer_ids: frozenset[int]


def caseload_obstacle(user: User, category: str) -> ObstacleDetail | None:
    """The people of the user's caseload one obstacle holds back and the offers it closes;
    None for a category the matching does not know."""
    if category not in OBSTACLE_LABELS:
        return None
    caseload = db.session.scalars(select(Profile).where(
        visible_clause(user, "profile.caseload", Profile),
        Profile.status.in_(RANKED_PROFILE_STATUSES)
    ).order_by(Profile.label, Profile.id)).all()
    people, offers, opened = [], [], set()
    if caseload:
        engine = engine_for(caseload[0].pole_id)
        indexed = offer_pool(engine, visible_clause(user, "offer.view", Offer))
        records, _ = exchange_profiles(caseload)
        members = obstacle_members(engine, records, indexed.pool, category)
        by_reference = {p.reference: p for p in caseload}
        people = [by_reference[ref] for ref in members.profile_ids]
        offers = sorted((indexed.rows_by_reference[ref] for ref in members.offer_ids),
                        key=lambda o: (o.title, o.id))
        opened = {indexed.rows_by_reference[ref].id for ref in members.opened_offer_ids}
    return ObstacleDetail(category, OBSTACLE_LABELS[category], tuple(people), tuple(offers),
                          frozenset(opened))


def forget_in_shortlists(profile: Profile) -> None:
    """A purged person leaves the stored shortlists too."""
    db.session.execute(delete(ShortlistEntry).where(ShortlistEntry.profile_id == profile.id))


def shortlist_section(profile: Profile) -> list[dict]:
    """For the access-request export: the stored shortlists the person appears on, and why."""
    rows = db.session.execute(
        select(ShortlistEntry, Offer.reference, Shortlist.computed_at)
        .join(Shortlist, Shortlist.id == ShortlistEntry.shortlist_id)
        .join(Offer, Offer.id == Shortlist.offer_id)
        .where(ShortlistEntry.profile_id == profile.id)
        .order_by(ShortlistEntry.id)
    )
    return [{"offre": reference, "calculee_le": computed_at.isoformat(), "rang": entry.rank,
             "score": round(entry.score, 1), "trajet_minutes": entry.travel_minutes,
             "raisons": list(spoken_reasons(entry.reasons))}
            for entry, reference, computed_at in rows]
