"""Companies that welcome immersions (PMSMP) within a person's reach, for their target jobs."""

from sqlalchemy import select

from matching.exchange import Offer as ExchangeOffer
from matching.weights import ENGINE_VERSION
from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.reference.models import NafRome
from webapp.shortlists.inputs import exchange_profiles
from webapp.shortlists.live import REACH_SIZE, RankedList, _card, engine_for
from webapp.shortlists.weights import weight_shares

HOST_PREFIX = "E"  # exchange ids of companies ranked as immersion hosts


def _host_offers(profile: Profile, companies: list[Company]) -> list[ExchangeOffer]:
    """Each welcoming company as an immersion 'offer' for the first target job it employs."""
    targets = profile.target_rome_codes
    codes_of_division: dict[str, set[str]] = {}
    for division, code in db.session.execute(
        select(NafRome.naf_division, NafRome.rome_code).where(NafRome.rome_code.in_(targets))
    ):
        codes_of_division.setdefault(division, set()).add(code)
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
    companies = db.session.scalars(select(Company).where(
        visible_clause(user, "company.view", Company),
        Company.welcomes_immersion.is_(True), Company.merged_into_id.is_(None),
    )).all()
    hosts = _host_offers(profile, companies)
    records, _ = exchange_profiles([profile])
    if not hosts or not records:
        return RankedList((), 0, 0, "", ENGINE_VERSION, weight_shares(engine.weights))
    result = engine.rank_offers(records[0], engine.offer_pool(hosts), top=top)
    by_id = {company.id: company for company in companies}
    cards = []
    for match in result.matches:
        company = by_id[int(match.offer_id[len(HOST_PREFIX):])]
        cards.append(_card(match, company.id, company.name, company.commune.display_name))
    return RankedList(tuple(cards), result.candidates - result.excluded_count,
                      result.excluded_count, result.exclusion_summary(), ENGINE_VERSION, weight_shares(engine.weights))
