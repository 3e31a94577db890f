"""A territory's plan as people read it: cards by stage (the board), a filtered list, CSV."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core.permissions import visible_clause
from webapp.core.tabular_export import Sheet, csv_text
from webapp.extensions import db
from webapp.prospection.models import (
    TARGET_STAGES,
    CompanyContactLog,
    ProspectionAction,
    ProspectionTarget,
    TargetMember,
)
from webapp.prospection.moves import may_move
from webapp.prospection.solicit import marked_company_ids

CSV_HEADER = (
    "Entreprise", "SIRET", "Commune", "Activité (NAF)", "Étape", "Motif d'abandon", "Pilote",
    "Organisation du pilote", "CRE associés", "Dernier échange", "Prochaine action",
    "Échéance", "En retard", "Ne pas solliciter",
)


@dataclass(frozen=True)
class TargetFilters:
    """What the list is narrowed to; empty values mean no filter."""

    stage: str = ""
    organisation_id: int | None = None
    lead_id: int | None = None
    mine: bool = False
    text: str = ""


@dataclass(frozen=True)
class TargetCard:
    """One target as the board and the list show it to one reader."""

    target: ProspectionTarget
    lead_label: str
    is_mine: bool
    may_move: bool
    members: str
    last_contact: date | None
    next_action: str
    next_due: date | None
    overdue: bool
    do_not_solicit: bool


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    label: str
    cards: list[TargetCard]


def plan_targets(user: User, pole_id: int, filters: TargetFilters = TargetFilters()
                 ) -> list[ProspectionTarget]:
    """The targets of a pôle's plan the user may see, narrowed by `filters`, by company name."""
    statement = select(ProspectionTarget).join(Company).where(
        ProspectionTarget.pole_id == pole_id,
        visible_clause(user, "prospection.view", ProspectionTarget))
    if filters.stage in TARGET_STAGES:
        statement = statement.where(ProspectionTarget.stage == filters.stage)
    if filters.organisation_id:
        statement = statement.where(ProspectionTarget.organisation_id == filters.organisation_id)
    if filters.lead_id:
        statement = statement.where(ProspectionTarget.lead_id == filters.lead_id)
    if filters.mine:
        statement = statement.where(ProspectionTarget.shared_with_clause(user.id))
    if text := filters.text.strip():
        statement = statement.where(or_(Company.name.ilike(f"%{text}%"),
                                        Company.siret.startswith(text.replace(" ", ""))))
    return list(db.session.scalars(statement.order_by(Company.name, ProspectionTarget.id)))


def _last_contacts(ids: list[int]) -> dict[int, date]:
    rows = db.session.execute(select(CompanyContactLog.target_id,
                                     func.max(CompanyContactLog.contacted_on))
                              .where(CompanyContactLog.target_id.in_(ids))
                              .group_by(CompanyContactLog.target_id))
    return dict(rows.all())


def _next_actions(ids: list[int]) -> dict[int, ProspectionAction]:
    actions = db.session.scalars(select(ProspectionAction).where(
        ProspectionAction.target_id.in_(ids), ProspectionAction.done_at.is_(None))
        .order_by(ProspectionAction.due_on.desc(), ProspectionAction.id.desc()))
    return {action.target_id: action for action in actions}  # the soonest one wins


def target_cards(user: User, targets: list[ProspectionTarget], today: date) -> list[TargetCard]:
    """Cards for these targets, with their last exchange and next action (three queries)."""
    ids = [target.id for target in targets]
    last, upcoming = _last_contacts(ids), _next_actions(ids)
    marked = marked_company_ids(today)
    cards = []
    for target in targets:
        action = upcoming.get(target.id)
        cards.append(TargetCard(
            target=target, lead_label=f"{target.lead.display_name} ({target.organisation.name})",
            is_mine=target.lead_id == user.id, may_move=may_move(user, target),
            members=", ".join(m.user.display_name for m in target.members),
            last_contact=last.get(target.id),
            next_action=f"{action.kind_label} ({action.owner.display_name})" if action else "",
            next_due=action.due_on if action else None,
            overdue=bool(action and action.due_on < today),
            do_not_solicit=target.company_id in marked,
        ))
    return cards


def board(user: User, pole_id: int, today: date) -> list[BoardColumn]:
    """One column per stage, in the plan's order, the dropped targets last."""
    cards = target_cards(user, plan_targets(user, pole_id), today)
    return [BoardColumn(stage, label, [c for c in cards if c.target.stage == stage])
            for stage, label in TARGET_STAGES.items()]


def plan_organisations(pole_id: int) -> list[tuple[int, str]]:
    """(id, name) of the organisations leading targets of the plan, for the list's filter."""
    rows = db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(select(ProspectionTarget.organisation_id).where(
            ProspectionTarget.pole_id == pole_id))).order_by(Organisation.name))
    return [tuple(row) for row in rows]


def plan_leads(pole_id: int) -> list[tuple[int, str]]:
    """(id, name) of the CREs leading or joined on targets of the plan."""
    in_plan = select(ProspectionTarget.id).where(ProspectionTarget.pole_id == pole_id)
    leads = select(ProspectionTarget.lead_id).where(ProspectionTarget.pole_id == pole_id)
    members = select(TargetMember.user_id).where(TargetMember.target_id.in_(in_plan))
    rows = db.session.execute(select(User.id, User.display_name).where(
        or_(User.id.in_(leads), User.id.in_(members))).order_by(User.display_name))
    return [tuple(row) for row in rows]


def cards_sheet(cards: list[TargetCard]) -> Sheet:
    """The list, typed, for the CSV and the workbook."""
    return Sheet("Cibles", CSV_HEADER, [_cells(card) for card in cards])


def cards_csv(cards: list[TargetCard]) -> str:
    """The list as CSV text: `;`-separated, UTF-8 with BOM (opens as is in a spreadsheet)."""
    return csv_text(cards_sheet(cards))


def _cells(card: TargetCard) -> list:
    target, company = card.target, card.target.company
    return [
        company.name, company.siret or "", company.commune.name,
        f"{company.naf.code} – {company.naf.label}" if company.naf else "",
        target.stage_label, target.dropped_reason, target.lead.display_name,
        target.organisation.name, card.members, card.last_contact,
        card.next_action, card.next_due, card.overdue, card.do_not_solicit,
    ]
