"""Who may do what: one table of (role, action) -> scope, and the helpers that read it.

A scope says which records a role may act on:
- OWN: records the user is personally attached to (the AE of a profile, the CRE of an offer);
- COMPANY: records of the company an employer account belongs to;
- ORGANISATION: records of the organisation the role is held in;
- TERRITORY: records of the pôle the role is held for (the whole département when none);
- ALL: every record;
- DEPARTMENT: records shared with the whole département, wherever they are (the model's
  `__territory_shared__` rule), those of the role's organisation and the user's own: the pool
  of offers is the département's, organisation-private offers stay the organisation's;
- SHARED: records explicitly put forward to the user (a profile shown to a cellule emploi the
  user belongs to, or assigned to them for promotion), through the model's
  `is_shared_with(user_id)` and `shared_with_clause(user_id)`.
A model opts in by naming its columns: `__owner_column__`, `__organisation_column__`,
`__pole_column__`, `__company_column__`; `__territory_shared__` (optional) names a boolean
SQL expression a record must satisfy to be seen at TERRITORY scope by another organisation.
"""

from sqlalchemy import false, or_, true

OWN, COMPANY, ORGANISATION, TERRITORY, ALL = "own", "company", "organisation", "territory", "all"
SHARED = "shared"
DEPARTMENT = "department"

PERMISSIONS: dict[tuple[str, str], str] = {
    # administration
    ("admin", "admin.manage"): ALL,
    ("admin", "reference.manage"): ALL,
    ("admin", "matching.weights"): ALL,
    # offers of the shared pool
    ("admin", "offer.view"): ALL,
    ("direction", "offer.view"): DEPARTMENT,
    ("animateur", "offer.view"): DEPARTMENT,
    ("cre", "offer.view"): DEPARTMENT,
    ("ae", "offer.view"): DEPARTMENT,
    ("employer", "offer.view"): COMPANY,
    ("cre", "offer.create"): ORGANISATION,
    ("cre", "offer.edit"): ORGANISATION,
    ("admin", "offer.edit"): ALL,
    ("cre", "offer.merge"): TERRITORY,
    ("admin", "offer.merge"): ALL,
    ("cre", "offer.import"): ORGANISATION,
    # hiring needs: employers see their company's (need.view), staff read the territory's
    # queue (need.queue) and CREs take and qualify them (need.take)
    ("employer", "need.view"): COMPANY,
    ("employer", "need.create"): COMPANY,
    ("admin", "need.queue"): ALL,
    ("direction", "need.queue"): TERRITORY,
    ("animateur", "need.queue"): TERRITORY,
    ("cre", "need.queue"): TERRITORY,
    ("cre", "need.take"): TERRITORY,
    # employer accounts: self-registrations validated by a CRE of the territory, invitations
    ("cre", "registration.decide"): TERRITORY,
    ("admin", "registration.decide"): ALL,
    # a request for a company that already has employer accounts: its holders may approve it
    ("employer", "registration.approve"): COMPANY,
    ("cre", "employer.invite"): TERRITORY,  # companies of the CRE's pôle
    ("admin", "employer.invite"): ALL,
    # employer directory
    ("admin", "company.view"): ALL,
    ("direction", "company.view"): ALL,
    ("animateur", "company.view"): ALL,
    ("cre", "company.view"): ALL,
    ("ae", "company.view"): ALL,
    ("employer", "company.view"): COMPANY,
    # the task force's internal notes on a company: never its own employer accounts
    ("admin", "company.read_notes"): ALL,
    ("direction", "company.read_notes"): ALL,
    ("animateur", "company.read_notes"): ALL,
    ("cre", "company.read_notes"): ALL,
    ("ae", "company.read_notes"): ALL,
    ("cre", "company.edit"): ALL,
    ("admin", "company.edit"): ALL,
    ("cre", "company.merge"): ALL,
    ("admin", "company.merge"): ALL,
    # beneficiary profiles: least privilege
    ("ae", "profile.view"): OWN,
    ("ae", "profile.edit"): OWN,
    ("ae", "profile.create"): ORGANISATION,
    ("direction", "profile.view"): ORGANISATION,
    ("direction", "profile.edit"): ORGANISATION,
    ("admin", "profile.audit"): ALL,
    ("cre", "profile.view"): SHARED,
    ("animateur", "profile.view"): SHARED,  # the people put forward to their cellule
    ("ae", "profile.caseload"): OWN,
    ("direction", "profile.caseload"): ORGANISATION,
    # the caseload says whose people they are to those who see several AEs' people
    ("direction", "profile.by_adviser"): ORGANISATION,
    ("direction", "profile.create"): ORGANISATION,
    ("ae", "profile.external_ref"): OWN,
    ("direction", "profile.external_ref"): ORGANISATION,
    ("ae", "profile.export"): OWN,
    ("direction", "profile.export"): ORGANISATION,
    # immersions (PMSMP): the person's side (their AE, the CREs they were put forward to, the
    # direction of their organisation) and the host company; the life cycle table says which
    # side moves which step (webapp/immersions/lifecycle.py)
    ("ae", "immersion.view"): OWN,
    ("cre", "immersion.view"): SHARED,
    ("direction", "immersion.view"): ORGANISATION,
    ("employer", "immersion.view"): COMPANY,
    ("ae", "immersion.create"): OWN,
    ("cre", "immersion.create"): SHARED,
    ("direction", "immersion.create"): ORGANISATION,
    ("ae", "immersion.advance"): OWN,
    ("cre", "immersion.advance"): SHARED,
    ("direction", "immersion.advance"): ORGANISATION,
    ("employer", "immersion.advance"): COMPANY,
    ("ae", "immersion.assess"): OWN,
    ("cre", "immersion.assess"): SHARED,
    ("direction", "immersion.assess"): ORGANISATION,
    ("ae", "immersion.export"): OWN,
    ("cre", "immersion.export"): SHARED,
    ("direction", "immersion.export"): ORGANISATION,
    # shared prospection plan: a territory's targets (view), leading or joining them (lead),
    # moving and planning on them (edit: the lead and the CREs who joined), reassigning (assign)
    ("admin", "prospection.view"): ALL,
    ("direction", "prospection.view"): TERRITORY,
    ("animateur", "prospection.view"): TERRITORY,
    ("cre", "prospection.view"): TERRITORY,
    ("cre", "prospection.lead"): TERRITORY,
    # the organisation a person prospects for (a CRE's, else an animateur's; admins anywhere)
    ("cre", "prospection.represent"): TERRITORY,
    ("animateur", "prospection.represent"): TERRITORY,
    ("admin", "prospection.represent"): ALL,
    ("cre", "prospection.edit"): SHARED,
    ("admin", "prospection.edit"): ALL,
    ("direction", "prospection.assign"): TERRITORY,
    ("animateur", "prospection.assign"): TERRITORY,
    ("admin", "prospection.assign"): ALL,
    # the contact log, shared by every organisation, and "ne pas solliciter" on a company
    ("admin", "contact.view"): ALL,
    ("direction", "contact.view"): ALL,
    ("animateur", "contact.view"): ALL,
    ("cre", "contact.view"): ALL,
    ("cre", "contact.log"): ALL,
    ("animateur", "contact.log"): ALL,
    ("cre", "company.do_not_solicit"): ALL,
    ("animateur", "company.do_not_solicit"): ALL,
    ("admin", "company.do_not_solicit"): ALL,
    # where to prospect next: anonymous counts of a territory's job-ready people
    ("admin", "prospection_next.view"): ALL,
    ("direction", "prospection_next.view"): TERRITORY,
    ("animateur", "prospection_next.view"): TERRITORY,
    ("cre", "prospection_next.view"): TERRITORY,
    # cellule emploi: its members reach it ("shared"); the animateur and the direction run the
    # sessions and its settings; every member types decisions and actions in a session
    ("admin", "cellule.view"): ALL,
    ("direction", "cellule.view"): SHARED,
    ("animateur", "cellule.view"): SHARED,
    ("cre", "cellule.view"): SHARED,
    ("ae", "cellule.view"): SHARED,
    ("admin", "cellule.run"): ALL,
    ("direction", "cellule.run"): SHARED,
    ("animateur", "cellule.run"): SHARED,
    ("direction", "cellule.minute"): SHARED,
    ("animateur", "cellule.minute"): SHARED,
    ("cre", "cellule.minute"): SHARED,
    ("ae", "cellule.minute"): SHARED,
    ("admin", "cellule.manage"): ALL,
    ("direction", "cellule.manage"): SHARED,
    ("animateur", "cellule.manage"): SHARED,
    ("admin", "cellule.create"): ALL,
    # the members who read the profiles put forward to their cellule (READER_ROLES)
    ("cre", "cellule.read_proposed"): SHARED,
    ("animateur", "cellule.read_proposed"): SHARED,
    # putting a person forward to the cellule (the record is the profile)
    ("ae", "proposal.create"): OWN,
    ("direction", "proposal.create"): ORGANISATION,
    # promoting a profile put forward to one's cellule (the record is the profile)
    ("cre", "profile.promote"): SHARED,
    # a promotion: followed by its CRE, the person's AE and the cellule's members; moved on by
    # its CRE; answered by the employer it was sent to, or by its CRE noting a phone call
    ("admin", "promotion.view"): ALL,
    ("direction", "promotion.view"): SHARED,
    ("animateur", "promotion.view"): SHARED,
    ("cre", "promotion.view"): SHARED,
    ("ae", "promotion.view"): SHARED,
    ("employer", "promotion.view"): COMPANY,
    # following a card on the professionals' pages (drafts, steps, notes): never employers,
    # who see only cards sent to them, in their own space
    ("admin", "promotion.follow"): ALL,
    ("direction", "promotion.follow"): SHARED,
    ("animateur", "promotion.follow"): SHARED,
    ("cre", "promotion.follow"): SHARED,
    ("ae", "promotion.follow"): SHARED,
    ("admin", "promotion.manage"): ALL,
    ("cre", "promotion.manage"): OWN,
    ("employer", "promotion.answer"): COMPANY,
    ("cre", "promotion.answer"): OWN,
    # employment events: a territory's programme; AEs invite their people to them
    ("admin", "event.view"): ALL,
    ("direction", "event.view"): TERRITORY,
    ("animateur", "event.view"): TERRITORY,
    ("cre", "event.view"): TERRITORY,
    ("ae", "event.view"): TERRITORY,
    ("admin", "event.manage"): ALL,
    ("direction", "event.manage"): TERRITORY,
    ("animateur", "event.manage"): TERRITORY,
    ("cre", "event.manage"): TERRITORY,
    ("ae", "event.invite"): TERRITORY,
    ("direction", "event.invite"): TERRITORY,
    # indicators dashboard: managers see their territory (the Département's, without a pôle,
    # see everything), partners their organisation beside their territory's totals
    ("admin", "dashboard.view"): ALL,
    ("direction", "dashboard.view"): TERRITORY,
    ("animateur", "dashboard.view"): TERRITORY,
    ("cre", "dashboard.view"): ORGANISATION,
    ("ae", "dashboard.view"): ORGANISATION,
    # links out to the partners' tools (core/partner_links.py): from a person's obstacles and
    # target jobs for those who accompany them; Estime from an offer for the AE; IAE offers on
    # les emplois de l'inclusion and the events on Mes rdv emploi for the staff
    ("ae", "profile.partner_links"): OWN,
    ("direction", "profile.partner_links"): ORGANISATION,
    ("ae", "offer.estime"): TERRITORY,
    ("admin", "offer.partner_links"): ALL,
    ("direction", "offer.partner_links"): TERRITORY,
    ("animateur", "offer.partner_links"): TERRITORY,
    ("cre", "offer.partner_links"): TERRITORY,
    ("ae", "offer.partner_links"): TERRITORY,
    ("admin", "event.partner_links"): ALL,
    ("direction", "event.partner_links"): TERRITORY,
    ("animateur", "event.partner_links"): TERRITORY,
    ("cre", "event.partner_links"): TERRITORY,
    ("ae", "event.partner_links"): TERRITORY,
}

SCOPE_LABELS = {
    OWN: "ses propres dossiers",
    COMPANY: "son entreprise",
    ORGANISATION: "son organisation",
    TERRITORY: "son territoire",
    ALL: "tout",
    SHARED: "les dossiers qui lui sont confiés",
    DEPARTMENT: "tout le département (partagé), son organisation et ses propres dossiers",
}


def roles_with(action: str) -> tuple[str, ...]:
    """The roles having some scope for an action, in the table's order."""
    return tuple(dict.fromkeys(role for (role, a) in PERMISSIONS if a == action))


READER_ROLES = roles_with("cellule.read_proposed")  # the cellule members who see the people


# Acting on a record never reaches further than reading it: these actions also need the
# record's view right (a CRE may edit his organisation's offers, but only those he can open).
WITHIN_VIEW: dict[str, str] = {
    "offer.edit": "offer.view",
    "offer.merge": "offer.view",
}


def scope_for(role: str, action: str) -> str | None:
    """The scope a role has for an action, or None when it has none."""
    return PERMISSIONS.get((role, action))


def live_memberships(user) -> list:
    """The user's roles, less those held in a deactivated organisation: they grant nothing."""
    return [m for m in user.memberships if m.organisation.active is not False]


def scopes_of(user, action: str) -> set[str]:
    """Every scope the user's roles give for an action (OWN: they act on their own records)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {scope for m in live_memberships(user) if (scope := scope_for(m.role, action))}


def may(user, action: str) -> bool:
    """True when the user holds at least one role with some scope for the action."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(scope_for(m.role, action) for m in live_memberships(user))


def _membership_allows(user, membership, scope: str, record) -> bool:
    model = type(record)
    if scope == ALL:
        return True
    if scope == SHARED:
        shared = getattr(record, "is_shared_with", None)
        return shared is not None and shared(user.id)
    if scope == OWN:
        column = getattr(model, "__owner_column__", None)
        return column is not None and getattr(record, column) == user.id
    if scope == COMPANY:
        column = getattr(model, "__company_column__", None)
        company_id = membership.organisation.company_id
        return column is not None and company_id is not None and getattr(record, column) == company_id
    organisation_column = getattr(model, "__organisation_column__", None)
    same_organisation = (
        organisation_column is not None
        and getattr(record, organisation_column) == membership.organisation_id
    )
    if scope == ORGANISATION:
        return same_organisation
    if scope == DEPARTMENT:
        owner_column = getattr(model, "__owner_column__", None)
        return (same_organisation or getattr(record, "is_territory_shared", True)
                or (owner_column is not None and user.id is not None
                    and getattr(record, owner_column) == user.id))
    if scope == TERRITORY:
        if not same_organisation and not getattr(record, "is_territory_shared", True):
            return False
        pole_column = getattr(model, "__pole_column__", None)
        territory = membership.territory
        return territory is None or (
            pole_column is not None and getattr(record, pole_column) == territory
        )
    return False


def can(user, action: str, record) -> bool:
    """True when one of the user's roles reaches this record for this action."""
    if not getattr(user, "is_authenticated", False) or record is None:
        return False
    if action in WITHIN_VIEW and not can(user, WITHIN_VIEW[action], record):
        return False
    for membership in live_memberships(user):
        scope = scope_for(membership.role, action)
        if scope and _membership_allows(user, membership, scope, record):
            return True
    return False


def _membership_clause(user, membership, scope: str, model):
    if scope == ALL:
        return true()
    if scope == SHARED:
        shared = getattr(model, "shared_with_clause", None)
        return shared(user.id) if shared else false()
    if scope == OWN:
        column = getattr(model, "__owner_column__", None)
        return getattr(model, column) == user.id if column else false()
    if scope == COMPANY:
        column = getattr(model, "__company_column__", None)
        company_id = membership.organisation.company_id
        return getattr(model, column) == company_id if column and company_id else false()
    organisation_column = getattr(model, "__organisation_column__", None)
    same_organisation = (
        getattr(model, organisation_column) == membership.organisation_id
        if organisation_column else false()
    )
    if scope == ORGANISATION:
        return same_organisation
    shared = getattr(model, "territory_shared_clause", None)
    if scope == DEPARTMENT:
        owner_column = getattr(model, "__owner_column__", None)
        own = owner_column and user.id is not None  # an API token is nobody: no records of its own
        return or_(same_organisation, shared() if shared else true(),
                   getattr(model, owner_column) == user.id if own else false())
    reachable = or_(same_organisation, shared()) if shared else true()
    territory = membership.territory
    pole_column = getattr(model, "__pole_column__", None)
    if territory is None:
        return reachable
    if pole_column is None:
        return false()
    return reachable & (getattr(model, pole_column) == territory)


def visible_clause(user, action: str, model):
    """An SQL condition selecting the rows of `model` the user may act on."""
    if not getattr(user, "is_authenticated", False):
        return false()
    clauses = [
        _membership_clause(user, membership, scope, model)
        for membership in live_memberships(user)
        if (scope := scope_for(membership.role, action))
    ]
    if not clauses:
        return false()
    if action in WITHIN_VIEW:
        return or_(*clauses) & visible_clause(user, WITHIN_VIEW[action], model)
    return or_(*clauses)


def roles_reaching(user, action: str, record) -> set[str]:
    """The roles through which the user reaches this record for this action."""
    if not getattr(user, "is_authenticated", False) or record is None:
        return set()
    return {membership.role for membership in live_memberships(user)
            if (scope := scope_for(membership.role, action))
            and _membership_allows(user, membership, scope, record)}
