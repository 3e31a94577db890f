"""Companies that welcome immersions (PMSMP) within a person's reach, for their target jobs."""

from sqlalchemy import func, select

from matching.exchange import Offer as ExchangeOffer
from matching.weights import ENGINE_VERSION
from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.reference.models import NafRome
from webapp.shortlists.inputs import MEMO_SIZE, exchange_profiles, fingerprint, pool_cache
from webapp.shortlists.live import REACH_SIZE, RankedList, _card, engine_for
from webapp.shortlists.weights import weight_shares

HOST_PREFIX = "E"  # exchange ids of companies ranked as immersion hosts


def _divisions(profile: Profile) -> dict[str, set[str]]:
    """The NAF divisions employing the person's target jobs, and which of those jobs."""
    codes_of_division: dict[str, set[str]] = {}
    for division, code in db.session.execute(
        select(NafRome.naf_division, NafRome.rome_code).where(NafRome.rome_code.in_(profile.target_rome_codes))
    ):
        codes_of_division.setdefault(division, set()).add(code)
    return codes_of_division


def _host_offers(profile: Profile, companies: list[Company],
                 codes_of_division: dict[str, set[str]]) -> list[ExchangeOffer]:
    """Each welcoming company as an immersion 'offer' for the first target job it employs."""
    targets = profile.target_rome_codes
    offers = []
    for company in companies:
        employed = codes_of_division.get((company.naf_code or "")[:2], set())
        code = next((c for c in targets if c in employed), None)
        if code is not None:
            offers.append(ExchangeOffer(id=f"{HOST_PREFIX}{company.id}", title=company.name,
                                        commune=company.commune_insee, rome_code=code,
                                        contract="PMSMP", immersion_possible=True))
    return offers


def immersion_hosts(user: User, profile: Profile, top: int = REACH_SIZE) -> RankedList:
    """Welcoming companies of the directory ranked for this person, reasons included."""
    engine = engine_for(profile.pole_id)
    codes_of_division = _divisions(profile)
    condition = (visible_clause(user, "company.view", Company) & Company.welcomes_immersion.is_(True)
                 & Company.merged_into_id.is_(None)
                 & func.substr(Company.naf_code, 1, 2).in_(list(codes_of_division or [""])))

    def build() -> tuple[dict[int, tuple[str, str]], object, dict]:
        """The companies employing a target job, indexed once while none of them changes,
        with the rankings made against them (by person record, weights, day and size)."""
        companies = db.session.scalars(select(Company).where(condition)).all()
        hosts = _host_offers(profile, companies, codes_of_division)
        shown = {c.id: (c.name, c.commune.display_name) for c in companies}
        return shown, engine.offer_pool(hosts) if hosts else None, {}

    shown, pool, rankings = pool_cache.get(
        (fingerprint(Company, condition), tuple(profile.target_rome_codes)), build)
    records, _ = exchange_profiles([profile])
    if pool is None or not records:
        return RankedList((), 0, 0, "", ENGINE_VERSION, weight_shares(engine.weights))
    key = (repr(records[0]), engine.weights, engine.today, top)
    if key not in rankings:  # the cards (their wording) kept with the ranking
        if len(rankings) >= MEMO_SIZE:
            rankings.clear()
        result = engine.rank_offers(records[0], pool, top=top)
        cards = []
        for match in result.matches:
            company_id = int(match.offer_id[len(HOST_PREFIX):])
            cards.append(_card(match, company_id, *shown[company_id]))
        rankings[key] = RankedList(tuple(cards), result.candidates - result.excluded_count,
                                   result.excluded_count, result.exclusion_summary(), ENGINE_VERSION,
                                   weight_shares(engine.weights))
    return rankings[key]
