"""Figures of the shared prospection plan, for dashboards and indicators: targets by stage and
organisation, exchanges per organisation. Plain counts, no personal data."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from webapp.accounts.organisation_models import Organisation
from webapp.extensions import db
from webapp.prospection.models import (
    NO_EXCHANGE_CHANNELS,
    TARGET_STAGES,
    CompanyContactLog,
    ProspectionTarget,
)


@dataclass(frozen=True)
class StageCount:
    """Targets of one organisation (as lead) at one stage."""

    organisation_id: int
    organisation_name: str
    stage: str
    stage_label: str
    targets: int


@dataclass(frozen=True)
class ContactCount:
    """Exchanges logged by one organisation's staff (internal notes left out)."""

    organisation_id: int
    organisation_name: str
    contacts: int
    companies: int


def targets_by_stage(pole_ids: tuple[int, ...] | None = None) -> list[StageCount]:
    """Targets per (lead organisation, stage) in these pôles' plans (every pôle for None),
    by organisation name then stage order."""
    statement = (select(Organisation.id, Organisation.name, ProspectionTarget.stage,
                        func.count(ProspectionTarget.id))
                 .join(Organisation, Organisation.id == ProspectionTarget.organisation_id)
                 .group_by(Organisation.id, Organisation.name, ProspectionTarget.stage))
    if pole_ids is not None:
        statement = statement.where(ProspectionTarget.pole_id.in_(pole_ids))
    order = list(TARGET_STAGES)
    rows = sorted(db.session.execute(statement), key=lambda r: (r[1], order.index(r[2])))
    return [StageCount(org_id, name, stage, TARGET_STAGES[stage], count)
            for org_id, name, stage, count in rows]


def contacts_per_organisation(since: date, until: date,
                              pole_ids: tuple[int, ...] | None = None) -> list[ContactCount]:
    """Exchanges dated between two days (included) per organisation, with the number of
    distinct companies reached; `pole_ids` keeps companies of targets in those pôles' plans."""
    statement = (select(Organisation.id, Organisation.name, func.count(CompanyContactLog.id),
                        func.count(func.distinct(CompanyContactLog.company_id)))
                 .join(Organisation, Organisation.id == CompanyContactLog.organisation_id)
                 .where(CompanyContactLog.contacted_on.between(since, until),
                        CompanyContactLog.channel.not_in(NO_EXCHANGE_CHANNELS))
                 .group_by(Organisation.id, Organisation.name).order_by(Organisation.name))
    if pole_ids is not None:
        in_plans = select(ProspectionTarget.company_id).where(
            ProspectionTarget.pole_id.in_(pole_ids))
        statement = statement.where(CompanyContactLog.company_id.in_(in_plans))
    return [ContactCount(*row) for row in db.session.execute(statement)]
