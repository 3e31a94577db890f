"""Sharing the people put forward out between the cellule's CREs: a suggestion that balances
their loads against their employers' sectors, explained in words, and the assignment itself."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, literal_column, select

from webapp.accounts.models import User
from webapp.cellule.cellules import check_session_editable, members_by_role
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import WORKFLOW
from webapp.core import clock
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.formatting import number_fr
from webapp.core.permissions import can
from webapp.extensions import db
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer
from webapp.profiles.consent import share_profile
from webapp.promotions.models import CLOSED_STEPS, Promotion
from webapp.reference.models import RomeDomain

POINTS_PER_MATCH = 2  # each offer or need of the CRE in a target domain (up to MAX_MATCHES)
MAX_MATCHES = 3
RECENT_DAYS = 365


@dataclass(frozen=True)
class CreFacts:
    """What the suggestion weighs for one CRE of the cellule."""

    user_id: int
    name: str
    load: int  # profiles the CRE currently promotes or was given to promote
    matches: dict[str, int]  # target domain -> the CRE's offers and needs in it


@dataclass(frozen=True)
class Suggestion:
    user_id: int
    name: str
    explanation: str


def _score(facts: CreFacts) -> int:
    return POINTS_PER_MATCH * min(sum(facts.matches.values()), MAX_MATCHES) - facts.load


def suggest(facts: list[CreFacts], domain_labels: dict[str, str]) -> Suggestion | None:
    """The CRE with the best balance of sector knowledge and load, with the reasons in French."""
    if not facts:
        return None
    best = max(facts, key=lambda f: (_score(f), -f.load, f.name))
    average = sum(f.load for f in facts) / len(facts)
    load_text = (
        f"{best.load} profil(s) en cours de promotion (moyenne de la cellule : "
        f"{number_fr(average, 0 if average.is_integer() else 1)})"
    )
    known = [
        f"{count} dans « {domain_labels.get(code, code)} »"
        for code, count in sorted(best.matches.items(), key=lambda item: -item[1])
        if count
    ]
    if known:
        reason = (
            f"suit des offres ou besoins dans les métiers visés ({', '.join(known)}) ; {load_text}"
        )
    elif any(f.matches and sum(f.matches.values()) for f in facts):
        reason = f"les CRE qui connaissent ces métiers sont déjà très chargés ; {load_text}"
    else:
        reason = f"aucun CRE de la cellule ne suit d'offre dans ces métiers : la charge décide ; {load_text}"
    return Suggestion(best.user_id, best.name, f"{best.name} : {reason}.")


def cre_facts(
    proposal: ProfileProposal, cres: list[User], now: datetime | None = None
) -> list[CreFacts]:
    """Loads and sector matches of the cellule's CREs for one person put forward."""
    if not cres:
        return []
    now = now or clock.now()
    ids = [cre.id for cre in cres]
    loads = Counter(
        dict(
            db.session.execute(
                select(Promotion.cre_id, func.count(func.distinct(Promotion.profile_id)))
                .where(Promotion.cre_id.in_(ids), Promotion.status.not_in(CLOSED_STEPS))
                .group_by(Promotion.cre_id)
            ).all()
        )
    )
    loads.update(
        dict(
            db.session.execute(
                select(ProfileProposal.assigned_cre_id, func.count(ProfileProposal.id))
                .where(
                    ProfileProposal.assigned_cre_id.in_(ids),
                    ProfileProposal.status == "assigned",
                    ProfileProposal.id != proposal.id,
                    ProfileProposal.profile_id.not_in(
                        select(Promotion.profile_id).where(
                            Promotion.cre_id == ProfileProposal.assigned_cre_id
                        )
                    ),
                )
                .group_by(ProfileProposal.assigned_cre_id)
            ).all()
        )
    )
    domains = {code[:3] for code in proposal.profile.target_rome_codes}
    matches: dict[int, Counter] = {cre_id: Counter() for cre_id in ids}
    since = now - timedelta(days=RECENT_DAYS)
    for model in (Offer, HiringNeed):
        # literal bounds: PostgreSQL groups by the very expression it selects
        domain = func.substr(model.rome_code, literal_column("1"), literal_column("3"))
        rows = db.session.execute(
            select(model.cre_id, domain, func.count(model.id))
            .where(
                model.cre_id.in_(ids),
                model.rome_code.is_not(None),
                model.created_at >= since,
                domain.in_(domains),
            )
            .group_by(model.cre_id, domain)
        )
        for cre_id, domain, count in rows:
            matches[cre_id][domain] += count
    return [
        CreFacts(cre.id, cre.display_name, loads.get(cre.id, 0), dict(matches[cre.id]))
        for cre in cres
    ]


def domain_labels(codes: set[str]) -> dict[str, str]:
    return dict(
        db.session.execute(
            select(RomeDomain.code, RomeDomain.label).where(RomeDomain.code.in_(codes))
        ).all()
    )


def suggestion_for(proposal: ProfileProposal, now: datetime | None = None) -> Suggestion | None:
    """The suggested CRE for one person put forward, among the cellule's CREs."""
    facts = cre_facts(proposal, members_by_role(proposal.cellule, "cre"), now)
    return suggest(facts, domain_labels({code[:3] for code in proposal.profile.target_rome_codes}))


def assign_proposal(
    actor: User, proposal: ProfileProposal, cre: User, version: int | None, now: datetime
) -> None:
    """Give the person to a CRE of the cellule to promote; they may see the profile from now on."""
    if not can(actor, "cellule.run", proposal.cellule):
        raise NotAllowed("Seul l'animateur (ou la direction) répartit les profils entre les CRE.")
    check_session_editable(proposal.session)
    if not proposal.is_open:
        raise Invalid(f"Cette proposition est close (« {proposal.status_label} »).")
    if cre not in members_by_role(proposal.cellule, "cre"):
        raise Invalid("CRE : choisissez un CRE membre de la cellule.", "cre_id")
    assigned = "Ce profil vient d'être confié par quelqu'un d'autre : rechargez la page."
    check_version(proposal, version, assigned)
    proposal.assigned_cre_id = cre.id
    WORKFLOW.advance(proposal, "assign", actor, now)
    flush_or_conflict(proposal, assigned)
    share_profile(proposal.profile, cre, "promotion", actor)
