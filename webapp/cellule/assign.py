"""Sharing the people put forward out between the cellule's CREs: a suggestion that balances
their loads against their employers' sectors, explained in words, and the assignment itself."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import String, bindparam, func, literal, literal_column, select, tuple_, union_all

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


@dataclass(frozen=True)
class Wanted:
    """What the suggestion reads of one person put forward: their target domains (three-character
    ROME codes) and the CRE they were already given to, if any."""

    proposal_id: int
    domains: frozenset[str]
    assigned_cre_id: int | None = None


def wanted(proposal: ProfileProposal) -> Wanted:
    return Wanted(proposal.id, frozenset(code[:3] for code in proposal.profile.target_rome_codes),
                  proposal.assigned_cre_id)


def cre_facts(
    proposal: ProfileProposal, cres: list[User], now: datetime | None = None
) -> list[CreFacts]:
    """Loads and sector matches of the cellule's CREs for one person put forward."""
    cre_names = [(cre.id, cre.display_name) for cre in cres]
    return facts_for_all([wanted(proposal)], cre_names, now)[0][proposal.id]


# The suggestion's one statement, built once (building it costs as much as running it): the
# CREs, the people shown, their domains and the period are bound on each call. Each row is
# (kind, CRE, number, domain, domain label): the CREs' loads ("promoting", "given"), the people
# of the screen given to one ("shown": the number is the proposal id), then their recent offers
# and needs by target domain ("known").
CRE_IDS = bindparam("cre_ids", expanding=True)
NO_DOMAIN = (literal(None, String).label("domain"), literal(None, String).label("label"))
_promoting = (
    select(literal("promoting"), Promotion.cre_id, func.count(func.distinct(Promotion.profile_id)),
           *NO_DOMAIN)
    .where(Promotion.cre_id.in_(CRE_IDS), Promotion.status.not_in(CLOSED_STEPS))
    .group_by(Promotion.cre_id)
)
# Given and not promoted yet: the CREs' own promotions, hashed once (not a lookup per row).
_promoted = select(Promotion.profile_id, Promotion.cre_id).where(Promotion.cre_id.in_(CRE_IDS))
_waiting = (ProfileProposal.assigned_cre_id.in_(CRE_IDS), ProfileProposal.status == "assigned",
            tuple_(ProfileProposal.profile_id, ProfileProposal.assigned_cre_id).not_in(_promoted))


def _recent_in_domains(model):
    # literal bounds: PostgreSQL groups by the very expression it selects
    domain = func.substr(model.rome_code, literal_column("1"), literal_column("3"))
    return (
        select(model.cre_id.label("cre_id"), domain.label("domain"), func.count().label("n"))
        .where(model.cre_id.in_(CRE_IDS), model.rome_code.is_not(None),
               model.created_at >= bindparam("since"),
               domain.in_(bindparam("domains", expanding=True)))
        .group_by(model.cre_id, domain)
    )


_known = union_all(_recent_in_domains(Offer), _recent_in_domains(HiringNeed)).subquery()
FACTS = union_all(
    _promoting,
    select(literal("given"), ProfileProposal.assigned_cre_id, func.count(), *NO_DOMAIN)
    .where(*_waiting).group_by(ProfileProposal.assigned_cre_id),
    select(literal("shown"), ProfileProposal.assigned_cre_id, ProfileProposal.id, *NO_DOMAIN)
    .where(*_waiting, ProfileProposal.id.in_(bindparam("proposal_ids", expanding=True))),
    select(literal("known"), _known.c.cre_id, _known.c.n, _known.c.domain, RomeDomain.label)
    .outerjoin(RomeDomain, RomeDomain.code == _known.c.domain),
)


@dataclass
class _Facts:
    """What the suggestion's statement tells of the CREs, read back."""

    loads: Counter  # CRE -> people they promote, and people given to them not promoted yet
    given_on_screen: dict[int, int]  # of these people, those shown: proposal id -> CRE
    known: dict[int, Counter]  # CRE -> their recent offers and needs, by target domain
    labels: dict[str, str]  # the labels of those domains


def _read_facts(cre_ids: list[int], proposal_ids: list[int], domains: set[str],
                since: datetime) -> _Facts:
    """The CREs' loads and known domains, in one statement."""
    facts = _Facts(Counter(), {}, {cre_id: Counter() for cre_id in cre_ids}, {})
    for kind, cre_id, number, domain, label in db.session.execute(FACTS, {
            "cre_ids": cre_ids, "proposal_ids": proposal_ids, "domains": sorted(domains),
            "since": since}):
        if kind == "shown":
            facts.given_on_screen[number] = cre_id
        elif kind == "known":
            facts.known[cre_id][domain] += number
            facts.labels[domain] = label or domain
        else:
            facts.loads[cre_id] += number
    return facts


def facts_for_all(
    people: list[Wanted], cres: list[tuple[int, str]], now: datetime | None = None
) -> tuple[dict[int, list[CreFacts]], dict[str, str]]:
    """`cre_facts` for every person of a screen at once: ({proposal id: facts}, the labels of
    the domains some CRE knows), in one statement whatever the number of people."""
    if not cres or not people:
        return {person.proposal_id: [] for person in people}, {}
    now = now or clock.now()
    read = _read_facts([cre_id for cre_id, _ in cres], [person.proposal_id for person in people],
                       set().union(*(p.domains for p in people)), now - timedelta(days=RECENT_DAYS))
    facts = {}
    for person in people:
        loads = read.loads.copy()
        if person.proposal_id in read.given_on_screen:  # their own assignment is not counted
            loads[read.given_on_screen[person.proposal_id]] -= 1
        facts[person.proposal_id] = [
            CreFacts(cre_id, name, loads.get(cre_id, 0),
                     {code: n for code, n in read.known[cre_id].items() if code in person.domains})
            for cre_id, name in cres
        ]
    return facts, read.labels


def suggestion_for(proposal: ProfileProposal, now: datetime | None = None) -> Suggestion | None:
    """The suggested CRE for one person put forward, among the cellule's CREs."""
    return suggestions_for([proposal], now)[proposal.id]


def suggestions_for(
    proposals: list[ProfileProposal], now: datetime | None = None
) -> dict[int, Suggestion | None]:
    """The suggested CRE for each person put forward to one cellule: {proposal id: suggestion}."""
    if not proposals:
        return {}
    cres = [(cre.id, cre.display_name) for cre in members_by_role(proposals[0].cellule, "cre")]
    return suggestions_among([wanted(p) for p in proposals], cres, now)


def suggestions_among(
    people: list[Wanted], cres: list[tuple[int, str]], now: datetime | None = None
) -> dict[int, Suggestion | None]:
    """The suggested CRE (among `cres`: id and name) for each person, in the screen's order."""
    facts, labels = facts_for_all(people, cres, now)
    return balanced(people, facts, labels)


def balanced(
    people: list[Wanted], facts: dict[int, list[CreFacts]], labels: dict[str, str]
) -> dict[int, Suggestion | None]:
    """One suggestion per person, in the screen's order, each counting the people of the session
    already suggested to a CRE above it: seven people are shared out, not all given to one."""
    planned: Counter = Counter()
    suggestions = {}
    for person in people:
        weighed = [
            replace(f, load=f.load + planned[f.user_id], planned=planned[f.user_id])
            for f in facts[person.proposal_id]
        ]
        suggestion = suggestions[person.proposal_id] = suggest(weighed, labels)
        if suggestion is not None and person.assigned_cre_id is None:
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
