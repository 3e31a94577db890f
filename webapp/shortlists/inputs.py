"""What the matching engine reads from the database: offers, profiles and immersion hosts as
exchange records, validated, and indexed pools cached until the rows change."""

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import orjson
from sqlalchemy import Text, cast, func, select

from matching.exchange import Offer as ExchangeOffer
from matching.exchange import (
    RecordError,
    Schedule,
    offer_from_dict,
    offer_to_dict,
    profile_from_dict,
    profile_to_dict,
)
from matching.plain_records import PlainReader
from matching.pools import OfferPool, ProfilePool
from webapp.companies.models import Company
from webapp.core.recently_read import RecentlyRead
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.exchange import to_exchange as profile_to_exchange
from webapp.profiles.models import RANKED_PROFILE_STATUSES, Profile, ProfileTarget
from webapp.reference.referential import engine_referential
from webapp.shortlists.weights import forget_recent_weights

POOL_CACHE_SIZE = 32
MEMO_SIZE = 20_000  # results kept per pool (a caseload's counts, a person's offers in reach)


def offer_to_exchange(offer: Offer) -> ExchangeOffer:
    """The offer as matching sees it: id = the platform reference, open positions only."""
    return ExchangeOffer(
        id=offer.reference,
        title=offer.title,
        commune=offer.commune_insee,
        rome_code=offer.rome_code,
        contract=offer.contract,
        hours_per_week=offer.hours_per_week,
        schedule=Schedule(night=offer.night, weekend=offer.weekend,
                          early_morning=offer.early_morning, split_shift=offer.split_shift),
        requires_driving_licence=offer.requires_driving_licence,
        requires_vehicle=offer.requires_vehicle,
        start_date=offer.start_date,
        positions=max(offer.positions - offer.positions_filled, 0),
        immersion_possible=offer.immersion_possible,
        postal_code=offer.postal_code,
    )


@dataclass(frozen=True)
class Skipped:
    """A database record the engine could not read, and why (French)."""

    reference: str
    problem: str


def validated(records, to_exchange: Callable, to_dict: Callable, from_dict: Callable,
              plain: Callable | None = None):
    """(exchange records, skipped): each record checked like a file record would be (`plain`,
    when given, reads the plainly valid ones the fast way and returns None for the others)."""
    referential = engine_referential()
    good, skipped = [], []
    for record in records:
        data = to_dict(to_exchange(record))
        try:
            good.append((plain(data) if plain else None) or from_dict(data, referential))
        except RecordError as error:
            skipped.append(Skipped(record.reference, str(error)))
    return good, skipped


def exchange_offers(offers: Sequence[Offer]):
    return validated(offers, offer_to_exchange, offer_to_dict, offer_from_dict)


def exchange_profiles(profiles: Sequence[Profile]):
    return validated(profiles, profile_to_exchange, profile_to_dict, profile_from_dict,
                     PlainReader(engine_referential()).profile)


# The columns the exchange records are made of (see offer_to_exchange and
# profiles.exchange.to_exchange), plus the id and what a page shows of the row.
_OFFER_COLUMNS = (
    Offer.id, Offer.reference, Offer.title, Offer.commune_insee, Offer.postal_code,
    Offer.rome_code, Offer.contract, Offer.hours_per_week, Offer.night, Offer.weekend,
    Offer.early_morning, Offer.split_shift, Offer.requires_driving_licence,
    Offer.requires_vehicle, Offer.start_date, Offer.positions, Offer.positions_filled,
    Offer.immersion_possible,
)
_PROFILE_COLUMNS = (
    Profile.id, Profile.reference, Profile.label, Profile.commune_insee, Profile.postal_code,
    Profile.max_minutes, Profile.max_km,
    Profile.driving_licence, Profile.vehicle, Profile.min_hours_per_week,
    Profile.max_hours_per_week, Profile.can_night, Profile.can_weekend, Profile.can_early_morning,
    Profile.can_split_shift, Profile.childcare_constraint, Profile.available_from,
    Profile.parcours, Profile.consent_promotion,
)
# Read as their JSON text, decoded by orjson (the driver's json.loads took a second).
_PROFILE_JSON_COLUMNS = (Profile.target_titles, Profile.mobility_modes)


def read_offers(condition, order_by=Offer.id) -> tuple[list, list, list[Skipped]]:
    """(rows, exchange records, skipped) of the offers selected by `condition`, read as plain
    columns in one query: the same records as exchange_offers() over the ORM objects, without
    building them (15,000 offers at demo ×10). A row has the id, reference and title."""
    rows = db.session.execute(select(*_OFFER_COLUMNS).where(condition).order_by(order_by)).all()
    records, skipped = exchange_offers(rows)
    return rows, records, skipped


def read_profiles(condition) -> tuple[list, list, list[Skipped]]:
    """(rows, exchange records, skipped) of the profiles selected by `condition`, by id: their
    columns in one query, their target jobs in a second, the same records as
    exchange_profiles() over the ORM objects, each row's exchange object written straight from
    its columns (the 50,030 rankable people of the demo ×10). A row has the id, reference and
    label."""
    rows = db.session.execute(
        select(*_PROFILE_COLUMNS, *(cast(column, Text).label(f"{column.key}_json")
                                   for column in _PROFILE_JSON_COLUMNS))
        .where(condition).order_by(Profile.id)).all()
    targets = defaultdict(list)
    for profile_id, rome_code, months in db.session.execute(
            select(ProfileTarget.profile_id, ProfileTarget.rome_code,
                   ProfileTarget.experience_months)
            .join(Profile, Profile.id == ProfileTarget.profile_id).where(condition)
            .order_by(ProfileTarget.profile_id, ProfileTarget.rank, ProfileTarget.id)):
        targets[profile_id].append((rome_code, months))
    referential = engine_referential()
    plain = PlainReader(referential)
    records, skipped = [], []
    for row in rows:
        data = _profile_dict(row, targets.get(row.id, ()))
        try:
            records.append(plain.profile(data) or profile_from_dict(data, referential))
        except RecordError as error:
            skipped.append(Skipped(row.reference, str(error)))
    return rows, records, skipped


def _json_list(text: str | None) -> list:
    return orjson.loads(text) or [] if text else []


def _profile_dict(row, targets: Sequence[tuple[str, int | None]]) -> dict:
    """profile_to_dict(to_exchange(profile)) of a row of _PROFILE_COLUMNS and its targets (rome
    code, months) in rank order, without the exchange object in between."""
    return {
        "id": row.reference, "commune": row.commune_insee,
        "target_rome_codes": [code for code, _ in targets],
        "target_titles": _json_list(row.target_titles_json),
        "experience_months": dict(sorted((code, months) for code, months in targets if months)),
        "mobility": {"modes": _json_list(row.mobility_modes_json),
                     "max_minutes": row.max_minutes, "max_km": row.max_km},
        "driving_licence": row.driving_licence, "vehicle": row.vehicle,
        "availability": {"min_hours_per_week": row.min_hours_per_week,
                         "max_hours_per_week": row.max_hours_per_week, "night": row.can_night,
                         "weekend": row.can_weekend, "early_morning": row.can_early_morning,
                         "split_shift": row.can_split_shift},
        "childcare_constraint": row.childcare_constraint,
        "available_from": row.available_from.isoformat() if row.available_from else None,
        "parcours": row.parcours, "consent_promotion": row.consent_promotion,
        **({"postal_code": row.postal_code} if row.postal_code else {}),
    }


class PoolCache:
    """Indexed pools (or what is computed from them) kept while the rows they were built from
    are unchanged, the least recently used dropped first."""

    instances: list["PoolCache"] = []

    def __init__(self, size: int = POOL_CACHE_SIZE):
        self.size = size
        self._pools: OrderedDict = OrderedDict()
        PoolCache.instances.append(self)

    @classmethod
    def forget_all(cls) -> None:
        """Empty every cache: for tests, whose rolled-back rows can come back with the same
        ids and, the clock being frozen, the same timestamps (production never rolls back
        rows someone has read)."""
        for cache in cls.instances:
            cache._pools.clear()
        recheck_now()

    def peek(self, key):
        """The pool kept under `key`, or None: nothing is built."""
        return self._pools.get(key)

    def get(self, key, build: Callable):
        if key in self._pools:
            self._pools.move_to_end(key)
            return self._pools[key]
        pool = build()
        self._pools[key] = pool
        if len(self._pools) > self.size:
            self._pools.popitem(last=False)
        return pool


pool_cache = PoolCache()


_fingerprints = RecentlyRead("POOL_RECHECK_SECONDS", size=POOL_CACHE_SIZE * 8)


def fingerprint(model, condition) -> tuple:
    """Count, newest change, highest id and sum of versions: any edit changes one of them.
    The query scans every selected row (60,000 people at demo ×10): it is re-run at most every
    POOL_RECHECK_SECONDS per selection and process, so an edit reaches the rankings within
    that delay (0 in tests: at once)."""
    where = str(condition.compile(compile_kwargs={"literal_binds": True}))
    key = (str(db.engine.url), model.__name__, where)

    def read() -> tuple:
        row = db.session.execute(
            select(func.count(model.id), func.max(model.updated_at), func.max(model.id),
                   func.sum(model.version)).where(condition)
        ).one()
        return (*key, *row)

    return _fingerprints.get(key, read)


def recheck_now() -> None:
    """The next fingerprints and weights are read from the database, not trusted from the
    last POOL_RECHECK_SECONDS: for work stored for others to read (the queue's tasks)."""
    _fingerprints.clear()
    forget_recent_weights()


@dataclass(frozen=True)
class IndexedPool:
    """A matching pool and the database rows behind it, by exchange id (reference); `memo`
    keeps what was computed against this pool (see `remembered`) as long as the pool lives."""

    pool: ProfilePool | OfferPool
    rows_by_reference: dict
    skipped: tuple[Skipped, ...]
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def remembered(self, key: tuple, compute: Callable):
        """compute() once per key while the pool's rows are unchanged. The key must hold all
        the computation reads besides the pool: the exchange record itself, the weights, the
        day, the size asked."""
        if key not in self.memo:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = compute()
        return self.memo[key]


def profile_pool(engine, condition) -> IndexedPool:
    """The pool of the rankable profiles selected by `condition` (an SQL clause)."""
    condition = condition & Profile.status.in_(RANKED_PROFILE_STATUSES)

    def build() -> IndexedPool:
        rows, records, skipped = read_profiles(condition)
        by_reference = {row.reference: _ProfileRow(row.id, row.label, row.reference) for row in rows}
        return IndexedPool(engine.profile_pool(records), by_reference, tuple(skipped))

    return pool_cache.get(fingerprint(Profile, condition), build)


def offer_pool(engine, condition) -> IndexedPool:
    """The pool of the open offers selected by `condition` (an SQL clause)."""
    condition = condition & (Offer.status == "open")

    def build() -> IndexedPool:
        # The département's pool (issue 14) is some thousand offers: read as plain columns,
        # their companies' names in a second query.
        rows, records, skipped = read_offers(condition)
        company = dict(db.session.execute(
            select(Offer.id, Company.name).join(Company, Company.id == Offer.company_id)
            .where(condition)).all())
        by_reference = {row.reference: _OfferRow(row.id, row.title, row.reference,
                                                 company.get(row.id, ""))
                        for row in rows}
        return IndexedPool(engine.offer_pool(records), by_reference, tuple(skipped))

    return pool_cache.get(fingerprint(Offer, condition), build)


def built_offer_pool(condition) -> tuple[IndexedPool | None, int]:
    """The pool of the open offers selected by `condition` when this process has built it
    already (else None, and nothing is built), and how many offers it holds or would hold."""
    key = fingerprint(Offer, condition & (Offer.status == "open"))
    return pool_cache.peek(key), key[3]  # the fingerprint's row starts with the count


@dataclass(frozen=True)
class _ProfileRow:
    id: int
    label: str
    reference: str


@dataclass(frozen=True)
class _OfferRow:
    id: int
    title: str
    reference: str
    company: str
