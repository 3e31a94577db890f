"""The same job brought twice: flagging probable duplicate offers and merging them."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz
from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import joinedload

from reference.text import fold
from webapp.accounts.models import User
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db
from webapp.offers.editing import TRANSITIONS, record_event
from webapp.offers.models import Offer, OfferPairDismissal, OfferSource

# Two titles at least this close (rapidfuzz token_sort_ratio on normalised titles) are one job.
CLOSE_TITLE_SCORE = 75
ACTIVE_STATUSES = ("draft", "open", "suspended")
TITLE_NOISE = frozenset({"h", "f", "hf", "fh", "de", "d", "des", "du", "la", "le", "les", "l",
                         "en", "et", "a", "au", "aux", "un", "une"})


@dataclass(frozen=True)
class DuplicatePair:
    """Two offers of different organisations that look like the same job, and why."""

    first: Offer
    second: Offer
    title_score: float
    reasons: tuple[str, ...]


def normalise_title(title: str) -> str:
    """`Agent d'entretien (H/F)` -> `agent entretien`."""
    text = fold(title)
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(w for w in words if w not in TITLE_NOISE)


def _employer_key():
    """Offers of one employer share this: its SIRET, or the company record when there is none."""
    return func.coalesce(Company.siret, cast(Company.id, String))


def duplicate_pairs(user: User, limit: int = 200) -> list[DuplicatePair]:
    """Pairs of active offers the user may see, from different organisations, with the same
    employer (company or SIRET), commune and ROME domaine and close titles; dismissed pairs left out."""
    key, domain = _employer_key(), func.substr(Offer.rome_code, 1, 3)
    seen = and_(visible_clause(user, "offer.view", Offer), Offer.merged_into_id.is_(None),
                Offer.status.in_(ACTIVE_STATUSES), Offer.rome_code.is_not(None))
    groups = (select(key.label("employer"), Offer.commune_insee.label("commune"), domain.label("domain"))
              .join(Company, Offer.company_id == Company.id).where(seen)
              .group_by(key, Offer.commune_insee, domain)
              .having(func.count(func.distinct(Offer.organisation_id)) > 1).subquery())
    offers = db.session.scalars(
        select(Offer).join(Company, Offer.company_id == Company.id)
        .join(groups, and_(key == groups.c.employer, Offer.commune_insee == groups.c.commune,
                           domain == groups.c.domain))
        .where(seen).options(joinedload(Offer.company), joinedload(Offer.organisation))
        .order_by(Offer.id)
    ).unique().all()
    dismissed = _dismissed({offer.id for offer in offers})
    by_group = defaultdict(list)
    for offer in offers:
        employer = offer.company.siret or str(offer.company_id)
        by_group[(employer, offer.commune_insee, offer.rome_code[:3])].append(offer)
    pairs = [pair for group in by_group.values() for pair in _pairs_in(group, dismissed)]
    pairs.sort(key=lambda pair: (-pair.title_score, pair.first.id, pair.second.id))
    return pairs[:limit]


def _pairs_in(group: list[Offer], dismissed: set[tuple[int, int]]) -> list[DuplicatePair]:
    found = []
    for first, second in combinations(group, 2):
        if first.organisation_id == second.organisation_id or (first.id, second.id) in dismissed:
            continue
        score = fuzz.token_sort_ratio(normalise_title(first.title), normalise_title(second.title))
        if score >= CLOSE_TITLE_SCORE:
            found.append(DuplicatePair(first, second, round(score, 1), _reasons(first, second, score)))
    return found


def _reasons(first: Offer, second: Offer, score: float) -> tuple[str, ...]:
    same_company = first.company_id == second.company_id
    employer = (f"même entreprise ({first.company.name})" if same_company
                else f"même SIRET ({first.company.siret})")
    job = (f"même métier ({first.rome_code})" if first.rome_code == second.rome_code
           else f"métiers voisins ({first.rome_code} et {second.rome_code}, domaine {first.rome_code[:3]})")
    return (employer, f"même commune ({first.commune.name})", job,
            f"intitulés proches ({score:.0f} %)")


def _dismissed(offer_ids: set[int]) -> set[tuple[int, int]]:
    if not offer_ids:
        return set()
    rows = db.session.execute(select(OfferPairDismissal.first_offer_id, OfferPairDismissal.second_offer_id)
                              .where(OfferPairDismissal.first_offer_id.in_(offer_ids)))
    return {(first, second) for first, second in rows}


def dismiss_pair(actor: User, first: Offer, second: Offer) -> None:
    """Record that two flagged offers are different jobs, so the pair is no longer flagged."""
    if not (can(actor, "offer.merge", first) and can(actor, "offer.merge", second)):
        raise NotAllowed("Vous ne pouvez pas traiter ces offres.")
    low, high = sorted((first.id, second.id))
    if db.session.scalar(select(OfferPairDismissal.id).where(
            OfferPairDismissal.first_offer_id == low, OfferPairDismissal.second_offer_id == high)) is None:
        db.session.add(OfferPairDismissal(first_offer_id=low, second_offer_id=high, user_id=actor.id))
        db.session.flush()


def merge_offers(actor: User, kept: Offer, absorbed: Offer) -> Offer:
    """Merge `absorbed` into `kept`: kept keeps every source and contact of both; absorbed is
    closed (cancelled when the life cycle allows it), points at kept, and both get an event."""
    if not (can(actor, "offer.merge", kept) and can(actor, "offer.merge", absorbed)):
        raise NotAllowed("Vous ne pouvez pas fusionner ces offres.")
    if kept.id == absorbed.id:
        raise Invalid("Choisissez deux offres différentes.")
    if kept.merged_into_id is not None or absorbed.merged_into_id is not None:
        raise Invalid("Une de ces offres a déjà été fusionnée.")
    kept.sources.append(OfferSource(
        organisation_id=absorbed.organisation_id, cre_id=absorbed.cre_id,
        external_ref=absorbed.external_ref, source_url=absorbed.source_url,
        contact_id=absorbed.contact_id, merged_from_id=absorbed.id,
        merged_from_reference=absorbed.reference,
    ))
    for source in list(absorbed.sources):
        source.offer = kept
    for name in ("contact_id", "description", "salary", "skills", "hours_per_week", "start_date"):
        if not getattr(kept, name) and getattr(absorbed, name):
            setattr(kept, name, getattr(absorbed, name))
    from_status = absorbed.status
    if "cancelled" in TRANSITIONS[absorbed.status]:
        absorbed.status = "cancelled"
    absorbed.merged_into_id = kept.id
    absorbed_event = record_event(absorbed, actor.id, "merge", from_status,
                                  f"Fusionnée dans l'offre {kept.reference} ({kept.organisation.name})")
    kept_event = record_event(kept, actor.id, "merge", kept.status,
                              f"A repris l'offre {absorbed.reference} ({absorbed.organisation.name})")
    db.session.flush()
    absorbed_event.version, kept_event.version = absorbed.version, kept.version
    db.session.flush()
    return kept
