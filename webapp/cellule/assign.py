"""Sharing the people put forward out between the cellule's CREs: a suggestion that balances
their loads against their employers' sectors, explained in words, and the assignment itself."""

from collections import Counter
from dataclasses import dataclass, replace
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
from webapp.core.notify import notify, record_path
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
    planned: int = 0  # of `load`: people of this session suggested to the CRE higher up


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
    if best.planned:
        load_text += f", dont {best.planned} suggéré(s) plus haut pour cette séance"
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
    return facts_for_all([proposal], cres, now)[proposal.id]


def facts_for_all(
    proposals: list[ProfileProposal], cres: list[User], now: datetime | None = None
) -> dict[int, list[CreFacts]]:
    """`cre_facts` for every proposal of a screen at once: {proposal id: facts}, in four
    queries whatever the number of people."""
    if not cres or not proposals:
        return {proposal.id: [] for proposal in proposals}
    now = now or clock.now()
    ids = [cre.id for cre in cres]
    promoting = Counter(
        dict(
            db.session.execute(
                select(Promotion.cre_id, func.count(func.distinct(Promotion.profile_id)))
                .where(Promotion.cre_id.in_(ids), Promotion.status.not_in(CLOSED_STEPS))
                .group_by(Promotion.cre_id)
            ).all()
        )
    )
    # People given to a CRE who has not promoted them yet: one anti-join, not a NOT IN per row.
    given = db.session.execute(
        select(ProfileProposal.assigned_cre_id, ProfileProposal.id)
        .outerjoin(Promotion, (Promotion.profile_id == ProfileProposal.profile_id)
                   & (Promotion.cre_id == ProfileProposal.assigned_cre_id))
        .where(
            ProfileProposal.assigned_cre_id.in_(ids),
            ProfileProposal.status == "assigned",
            Promotion.id.is_(None),
        )
    ).all()
    domains_of = {p.id: {code[:3] for code in p.profile.target_rome_codes} for p in proposals}
    all_domains = set().union(*domains_of.values())
    known: dict[int, Counter] = {cre_id: Counter() for cre_id in ids}
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
                domain.in_(all_domains),
            )
            .group_by(model.cre_id, domain)
        ) if all_domains else ()
        for cre_id, code, count in rows:
            known[cre_id][code] += count
    given_to = {other_id: cre_id for cre_id, other_id in given}
    loads_all = promoting + Counter(given_to.values())
    facts = {}
    for proposal in proposals:
        loads = loads_all.copy()
        if proposal.id in given_to:  # their own assignment is not counted
            loads[given_to[proposal.id]] -= 1
        domains = domains_of[proposal.id]
        facts[proposal.id] = [
            CreFacts(cre.id, cre.display_name, loads.get(cre.id, 0),
                     {code: n for code, n in known[cre.id].items() if code in domains})
            for cre in cres
        ]
    return facts


def domain_labels(codes: set[str]) -> dict[str, str]:
    return dict(
        db.session.execute(
            select(RomeDomain.code, RomeDomain.label).where(RomeDomain.code.in_(codes))
        ).all()
    )


def suggestion_for(proposal: ProfileProposal, now: datetime | None = None) -> Suggestion | None:
    """The suggested CRE for one person put forward, among the cellule's CREs."""
    return suggestions_for([proposal], now)[proposal.id]


def suggestions_for(
    proposals: list[ProfileProposal], now: datetime | None = None
) -> dict[int, Suggestion | None]:
    """The suggested CRE for each person put forward to one cellule: {proposal id: suggestion}."""
    if not proposals:
        return {}
    facts = facts_for_all(proposals, members_by_role(proposals[0].cellule, "cre"), now)
    labels = domain_labels({code[:3] for p in proposals for code in p.profile.target_rome_codes})
    return balanced(proposals, facts, labels)


def balanced(
    proposals: list[ProfileProposal], facts: dict[int, list[CreFacts]], labels: dict[str, str]
) -> dict[int, Suggestion | None]:
    """One suggestion per person, in the screen's order, each counting the people of the session
    already suggested to a CRE above it: seven people are shared out, not all given to one."""
    planned: Counter = Counter()
    suggestions = {}
    for proposal in proposals:
        weighed = [
            replace(f, load=f.load + planned[f.user_id], planned=planned[f.user_id])
            for f in facts[proposal.id]
        ]
        suggestion = suggestions[proposal.id] = suggest(weighed, labels)
        if suggestion is not None and proposal.assigned_cre_id is None:
            planned[suggestion.user_id] += 1
    return suggestions


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
    _tell_assigned(proposal, cre, actor)


def _tell_assigned(proposal: ProfileProposal, cre: User, actor: User) -> None:
    """The CRE learns the person is theirs; the person's AE, to whom (label only)."""
    where = {"record_type": "profile_proposal", "record_id": proposal.id, "exclude": actor.id,
             "url": record_path("cellule.session", session_id=proposal.session_id)}
    words = {"person": proposal.profile.display_label, "cellule": proposal.cellule.name,
             "cre": cre.display_name, "profile_id": proposal.profile_id}
    notify("cre_assigned", [cre.id], params=words, **where)
    notify("ae_assigned", [proposal.ae_id or proposal.profile.ae_id], params=words, **where)
