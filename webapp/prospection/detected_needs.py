"""A need detected during an exchange becomes a hiring need, or a draft offer, in one click:
pre-filled from what the log entry says, linked back to it."""

from datetime import date, datetime, timedelta

from webapp.accounts.models import User
from webapp.companies.accounts import ensure_employer_organisation
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.needs.lifecycle import NEED_CONTRACTS, NeedInput, need_problems, take_need
from webapp.needs.models import HiringNeed, NeedEvent
from webapp.offers.editing import create_offer, creating_organisations
from webapp.offers.models import Offer
from webapp.offers.values import OfferValues
from webapp.prospection.models import CompanyContactLog, ProspectionTarget
from webapp.prospection.moves import may_move
from webapp.reference.models import RomeCode

# What the exchange did not say, to be confirmed with the employer afterwards.
DEFAULT_HOURS = 35.0
DEFAULT_START_DAYS = 30
DEFAULT_CONTRACT = "CDI"


def may_convert(actor: User, entry: CompanyContactLog) -> bool:
    """The author of the exchange and the target's CREs turn its need into a need or offer."""
    target = db.session.get(ProspectionTarget, entry.target_id) if entry.target_id else None
    return actor.id == entry.author_id or bool(target and may_move(actor, target))


def _check(actor: User, entry: CompanyContactLog, already: int | None, what: str) -> None:
    if not may_convert(actor, entry):
        raise NotAllowed("Seuls l'auteur de l'échange et les CRE de la cible peuvent le faire.")
    if not entry.need_rome_code:
        raise Invalid("Cet échange ne mentionne pas de métier : ajoutez un nouvel échange avec le "
                      "besoin repéré.", "need_rome_code")
    if already is not None:
        raise Invalid(f"{what} a déjà été créé depuis cet échange.", "entry")


def origin_text(entry: CompanyContactLog) -> str:
    """Where the need comes from, for the need's comment and the offer's description."""
    met = f" avec {entry.person_met}" if entry.person_met else ""
    return (f"Besoin repéré par {entry.author.display_name} ({entry.organisation.name}) lors d'un "
            f"échange du {date_fr(entry.contacted_on)} ({entry.channel_label.lower()}){met} : "
            f"{entry.summary}")


def need_input(entry: CompanyContactLog, company: Company, today: date) -> NeedInput:
    """The hiring need the entry describes, with the defaults for what it leaves out."""
    rome = db.session.get(RomeCode, entry.need_rome_code)
    contract = entry.need_contract if entry.need_contract in NEED_CONTRACTS else DEFAULT_CONTRACT
    start = entry.need_start_on if entry.need_start_on and entry.need_start_on >= today else (
        today + timedelta(days=DEFAULT_START_DAYS))
    return NeedInput(rome_code=rome.code, commune_insee=company.commune_insee,
                     positions=entry.need_positions or 1,
                     hours_per_week=entry.need_hours or DEFAULT_HOURS, contract=contract,
                     start_date=start, title=rome.label[:200], comment=origin_text(entry))


def need_from_contact(actor: User, entry: CompanyContactLog, today: date,
                      now: datetime) -> HiringNeed:
    """A hiring need of the company, pre-filled from the entry, taken by the actor when the
    need's territory is theirs (otherwise it waits in that territory's queue)."""
    _check(actor, entry, entry.hiring_need_id, "Le besoin")
    company = resolve_merged(db.session.get(Company, entry.company_id))
    data = need_input(entry, company, today)
    if problems := need_problems(data, today):
        raise Invalid(problems)
    organisation = ensure_employer_organisation(company)
    need = HiringNeed(
        company_id=company.id, organisation_id=organisation.id, author_id=actor.id,
        pole_id=company.commune.pole_id, created_at=now, status="waiting", title=data.title,
        rome_code=data.rome_code, commune_insee=data.commune_insee, positions=data.positions,
        hours_per_week=data.hours_per_week, contract=data.contract, start_date=data.start_date,
        comment=data.comment,
    )
    db.session.add(need)
    need.events.append(NeedEvent(at=now, user_id=actor.id, kind="posted", to_status="waiting",
                                 note="Repéré lors d'un échange de prospection"))
    db.session.flush()
    if can(actor, "need.take", need):
        take_need(need, actor, now)
    entry.hiring_need_id = need.id
    db.session.flush()
    return need


def offer_values(entry: CompanyContactLog, company: Company, today: date) -> OfferValues:
    """The draft offer the entry describes."""
    data = need_input(entry, company, today)
    return OfferValues(title=data.title, rome_code=data.rome_code,
                       commune_insee=data.commune_insee, contract=data.contract,
                       hours_per_week=data.hours_per_week, start_date=data.start_date,
                       positions=data.positions, description=origin_text(entry),
                       company_id=company.id)


def offer_from_contact(actor: User, entry: CompanyContactLog, today: date) -> Offer:
    """A draft offer of the actor's organisation, pre-filled from the entry."""
    _check(actor, entry, entry.offer_id, "Le brouillon d'offre")
    organisations = creating_organisations(actor)
    if not organisations:
        raise NotAllowed("Vous ne pouvez pas déposer d'offre : aucune organisation ne vous le "
                         "permet.")
    company = resolve_merged(db.session.get(Company, entry.company_id))
    preferred = [o for o in organisations if o.id == entry.organisation_id]
    offer = create_offer(actor, offer_values(entry, company, today),
                         organisation=(preferred or organisations)[0], status="draft",
                         note="Brouillon créé depuis le journal des échanges", today=today)
    entry.offer_id = offer.id
    db.session.flush()
    return offer
