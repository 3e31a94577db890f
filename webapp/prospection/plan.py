"""The plan of a territory: targets with one lead CRE and organisation, joining or taking over a
target (the lead answers), and reassignment by an animateur."""

from datetime import datetime

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.directory import CompanyValues, create_company, resolve_merged
from webapp.companies.models import Company
from webapp.core.concurrency import check_version, flush_or_conflict
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import ALL, TERRITORY, can, roles_with, scope_for
from webapp.extensions import db
from webapp.prospection.models import ProspectionTarget, TargetEvent, TargetMember, TargetRequest
from webapp.reference.models import Pole


def territory_ids(user: User, action: str) -> set[int] | None:
    """The pôles where the user may do `action`; None means every pôle (no territory limit)."""
    found: set[int] = set()
    for membership in user.memberships:
        scope = scope_for(membership.role, action)
        if scope == ALL:
            return None
        if scope == TERRITORY:
            territory = membership.territory
            if territory is None:
                return None
            found.add(territory)
    return found


def may_in_territory(user: User, action: str, pole_id: int) -> bool:
    """True when the user may do `action` in pôle `pole_id`."""
    allowed = territory_ids(user, action)
    return allowed is None or pole_id in allowed


def plan_poles(user: User) -> list[Pole]:
    """The pôles whose plan the user may open, in reference order."""
    allowed = territory_ids(user, "prospection.view")
    statement = select(Pole).order_by(Pole.id)
    if allowed is not None:
        statement = statement.where(Pole.id.in_(allowed or [-1]))
    return list(db.session.scalars(statement))


def pole_by_code(code: str) -> Pole | None:
    """The pôle with this code (I, II... X)."""
    return db.session.scalar(select(Pole).where(Pole.code == code))


def prospecting_organisation(user: User, pole_id: int | None = None) -> Organisation | None:
    """The organisation a CRE prospects for: their CRE role's, preferring one of that pôle."""
    roles = sorted((m for m in user.memberships if scope_for(m.role, "prospection.represent")),
                   key=lambda m: (not scope_for(m.role, "prospection.lead"), m.organisation_id))
    for membership in roles:
        territory = membership.territory
        if pole_id is None or territory in (None, pole_id):
            return membership.organisation
    return roles[0].organisation if roles else None


def lead_candidates(pole_id: int) -> list[User]:
    """The CREs who may lead a target in this pôle, by name."""
    memberships = db.session.scalars(
        select(Membership).where(Membership.role.in_(roles_with("prospection.lead")))).all()
    users = {m.user_id: m.user for m in memberships
             if m.user.active and m.territory in (None, pole_id)}
    return sorted(users.values(), key=lambda u: u.display_name)


def target_of(company_id: int) -> ProspectionTarget | None:
    """The target of a company in any plan (a company has one lead across every structure)."""
    return db.session.scalars(select(ProspectionTarget).where(
        ProspectionTarget.company_id == company_id).order_by(ProspectionTarget.id)).first()


def target_followed_by(organisation_id: int, company_id: int) -> ProspectionTarget | None:
    """The company's target when this organisation follows it (leads its target, at any stage
    but « abandonné »), else None: what lets a partner post needs for the company."""
    target = target_of(company_id)
    if target is None or target.organisation_id != organisation_id or target.stage == "dropped":
        return None
    return target


def _event(target: ProspectionTarget, actor: User | None, kind: str, now: datetime,
           note: str = "") -> None:
    db.session.add(TargetEvent(target_id=target.id, at=now, user_id=actor.id if actor else None,
                               kind=kind, note=note))


def _check_lead(lead_id: int | None, pole_id: int) -> User:
    if lead_id is None:
        raise Invalid("Pilote : une cible a toujours un CRE pilote, choisissez-le.", "lead_id")
    lead = db.session.get(User, lead_id)
    if lead is None or not lead.active or not may_in_territory(lead, "prospection.lead", pole_id):
        raise Invalid("Pilote : choisissez un CRE de ce territoire.", "lead_id")
    return lead


def add_target(actor: User, company: Company, pole_id: int, lead_id: int | None,
               now: datetime) -> ProspectionTarget:
    """Put a company of the directory in a territory's plan, led by `lead_id`.

    A CRE adds targets they lead; an animateur (prospection.assign) names any CRE of the
    territory. Invalid without a lead, or when the company is already followed."""
    assigns = may_in_territory(actor, "prospection.assign", pole_id)
    if not assigns and not may_in_territory(actor, "prospection.lead", pole_id):
        raise NotAllowed("Vous ne pouvez pas ajouter de cible au plan de ce territoire.")
    lead = _check_lead(lead_id, pole_id)
    if lead.id != actor.id and not assigns:
        raise NotAllowed("Seul un animateur confie une cible à un autre CRE que vous.")
    company = resolve_merged(company)
    if (existing := target_of(company.id)) is not None:
        raise Invalid(f"« {company.name} » est déjà dans le plan, {existing.followed_by}.",
                      "company_id")
    organisation = prospecting_organisation(lead, pole_id)
    target = ProspectionTarget(company_id=company.id, pole_id=pole_id, lead_id=lead.id,
                               organisation_id=organisation.id, stage="to_prospect",
                               stage_changed_at=now, created_by_id=actor.id)
    db.session.add(target)
    db.session.flush()
    _event(target, actor, "created", now, f"Pilote : {lead.display_name} ({organisation.name})")
    return target


def add_new_lead(actor: User, values: CompanyValues, pole_id: int, lead_id: int | None,
                 now: datetime, *, allow_duplicate: bool = False) -> ProspectionTarget:
    """A company not yet in the directory, entered with its duplicate check, then targeted."""
    _check_lead(lead_id, pole_id)
    company = create_company(actor, values, allow_duplicate=allow_duplicate)
    return add_target(actor, company, pole_id, lead_id, now)


def request_access(actor: User, target: ProspectionTarget, kind: str, message: str,
                   now: datetime) -> TargetRequest:
    """Ask the lead to let the actor join the target, or take it over."""
    if kind not in ("join", "takeover"):
        raise Invalid("Demande inconnue.", "kind")
    if not can(actor, "prospection.lead", target):
        raise NotAllowed("Seul un CRE du territoire peut demander à rejoindre cette cible.")
    if target.lead_id == actor.id:
        raise Invalid("Vous pilotez déjà cette cible.", "kind")
    if kind == "join" and target.is_shared_with(actor.id):
        raise Invalid("Vous suivez déjà cette cible.", "kind")
    pending = db.session.scalar(select(TargetRequest.id).where(
        TargetRequest.target_id == target.id, TargetRequest.requester_id == actor.id,
        TargetRequest.status == "pending"))
    if pending is not None:
        raise Invalid("Vous avez déjà une demande en attente pour cette cible.", "kind")
    organisation = prospecting_organisation(actor, target.pole_id)
    request = TargetRequest(target_id=target.id, requester_id=actor.id, kind=kind,
                            organisation_id=organisation.id, message=message.strip(),
                            created_at=now)
    db.session.add(request)
    _event(target, actor, "request", now, f"Demande pour {request.kind_label} la cible")
    db.session.flush()
    return request


def pending_requests(target: ProspectionTarget) -> list[TargetRequest]:
    """The requests the lead has not answered yet, oldest first."""
    return list(db.session.scalars(select(TargetRequest).where(
        TargetRequest.target_id == target.id, TargetRequest.status == "pending")
        .order_by(TargetRequest.created_at, TargetRequest.id)))


def decide_request(actor: User, request: TargetRequest, accept: bool, now: datetime) -> None:
    """The lead (or an animateur) accepts or refuses a request to join or take over."""
    target = request.target
    if actor.id != target.lead_id and not can(actor, "prospection.assign", target):
        raise NotAllowed("Seul le pilote de la cible répond aux demandes.")
    if request.status != "pending":
        raise Invalid("Cette demande a déjà reçu une réponse.", "request")
    request.status = "accepted" if accept else "refused"
    request.decided_by_id, request.decided_at = actor.id, now
    requester = request.requester
    if not accept:
        _event(target, actor, "refused", now, f"Demande de {requester.display_name} refusée")
    elif request.kind == "join":
        _add_member(target, requester, request.organisation_id, now)
        _event(target, actor, "joined", now, f"{requester.display_name} rejoint la cible")
    else:
        _hand_over(target, requester, request.organisation_id, actor, now)
    flush_or_conflict(target, "Cette cible vient d'être modifiée par quelqu'un d'autre : "
                      "rechargez la page.")


def _add_member(target: ProspectionTarget, user: User, organisation_id: int,
                now: datetime) -> None:
    if not any(m.user_id == user.id for m in target.members):
        target.members.append(TargetMember(user_id=user.id, organisation_id=organisation_id,
                                           joined_at=now))


def _hand_over(target: ProspectionTarget, lead: User, organisation_id: int, actor: User,
               now: datetime) -> None:
    target.members = [m for m in target.members if m.user_id != lead.id]
    target.lead_id, target.organisation_id = lead.id, organisation_id
    organisation = db.session.get(Organisation, organisation_id)
    _event(target, actor, "lead_changed", now,
           f"Pilote : {lead.display_name} ({organisation.name})")


def reassign(actor: User, target: ProspectionTarget, lead_id: int | None, version: int,
             now: datetime) -> None:
    """An animateur (or the cellule emploi) gives the target to another CRE of the territory."""
    if not can(actor, "prospection.assign", target):
        raise NotAllowed("Seul un animateur du territoire réattribue une cible.")
    lead = _check_lead(lead_id, target.pole_id)
    check_version(target, version, "Cette cible vient d'être modifiée par quelqu'un d'autre : "
                  "rechargez la page avant de la réattribuer.")
    if lead.id != target.lead_id:
        organisation = prospecting_organisation(lead, target.pole_id)
        _hand_over(target, lead, organisation.id, actor, now)
    flush_or_conflict(target, "Cette cible vient d'être modifiée par quelqu'un d'autre : "
                      "rechargez la page.")


def target_events(target: ProspectionTarget) -> list[TargetEvent]:
    """The ownership history of a target, newest first."""
    return list(db.session.scalars(select(TargetEvent).where(
        TargetEvent.target_id == target.id).order_by(TargetEvent.at.desc(), TargetEvent.id.desc())))
