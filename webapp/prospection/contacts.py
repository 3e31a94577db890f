"""The contact log: every exchange with a company, by any CRE of any organisation, with the
over-solicitation guard (another organisation's recent contact, a « ne pas solliciter » mark)."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.formatting import date_fr
from webapp.core.notify import notify, record_path
from webapp.core.permissions import may
from webapp.extensions import db
from webapp.offers.models import CONTRACTS
from webapp.prospection.models import (
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    NO_EXCHANGE_CHANNELS,
    CompanyContactLog,
    ProspectionTarget,
)
from webapp.prospection.plan import prospecting_organisation, target_of
from webapp.prospection.solicit import active_mark, mark_sentence
from webapp.reference.models import RomeCode

DEFAULT_QUIET_DAYS = 15  # PROSPECTION_QUIET_DAYS when the configuration says nothing
MAX_NEED_HOURS = 48  # legal weekly maximum (Code du travail L3121-20)
SUMMARY_EXCERPT = 120


@dataclass(frozen=True)
class ContactInput:
    """One exchange as typed; the need_* fields describe a need detected during it."""

    contacted_on: date | None
    channel: str
    summary: str
    outcome: str
    person_met: str = ""
    need_rome_code: str | None = None
    need_positions: int | None = None
    need_hours: float | None = None
    need_start_on: date | None = None
    need_contract: str | None = None


class SolicitationWarning(Conflict):
    """Logging this exchange needs a confirmation: `lines` say why, in French."""

    def __init__(self, lines: list[str]):
        super().__init__("Attention, risque de sur-sollicitation : " + " ".join(lines)
                         + " Confirmez pour consigner l'échange quand même.")
        self.lines = lines


def contact_problems(contact: ContactInput, today: date) -> dict[str, str]:
    """French field errors of an exchange, empty when it can be logged."""
    problems: dict[str, str] = {}
    if contact.contacted_on is None:
        problems["contacted_on"] = "Date de l'échange : indiquez-la."
    elif contact.contacted_on > today:
        problems["contacted_on"] = (
            f"Date de l'échange : le {date_fr(contact.contacted_on)} est dans le futur. Un échange "
            "se consigne une fois qu'il a eu lieu ; pour le prévoir, planifiez une action.")
    if contact.channel not in CONTACT_CHANNELS:
        problems["channel"] = "Canal : choisissez-le dans la liste."
    if contact.outcome not in CONTACT_OUTCOMES:
        problems["outcome"] = "Suite donnée : choisissez-la dans la liste."
    if not contact.summary.strip():
        problems["summary"] = "Ce qui s'est dit : écrivez quelques mots."
    return problems | _need_problems(contact)


def _need_problems(contact: ContactInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if contact.need_rome_code and db.session.get(RomeCode, contact.need_rome_code) is None:
        problems["need_rome_code"] = "Métier du besoin : choisissez-le dans la liste proposée."
    elif contact.outcome == "need_detected" and not contact.need_rome_code:
        problems["need_rome_code"] = ("Métier du besoin : choisissez le métier repéré, pour "
                                      "pouvoir en faire un besoin ou une offre en un clic.")
    if contact.need_positions is not None and contact.need_positions < 1:
        problems["need_positions"] = "Nombre de postes : au moins 1."
    if contact.need_hours is not None and not 1 <= contact.need_hours <= MAX_NEED_HOURS:
        problems["need_hours"] = f"Heures par semaine : entre 1 et {MAX_NEED_HOURS}."
    if contact.need_contract and contact.need_contract not in CONTRACTS:
        problems["need_contract"] = "Contrat : choisissez-le dans la liste."
    return problems


def recent_contacts_by_others(company_id: int, organisation_id: int, on: date,
                              quiet_days: int) -> list[CompanyContactLog]:
    """Exchanges another organisation had with the company less than `quiet_days` before `on`."""
    return list(db.session.scalars(select(CompanyContactLog).where(
        CompanyContactLog.company_id == company_id,
        CompanyContactLog.organisation_id != organisation_id,
        CompanyContactLog.channel.not_in(NO_EXCHANGE_CHANNELS),
        CompanyContactLog.contacted_on > on - timedelta(days=quiet_days),
    ).order_by(CompanyContactLog.contacted_on.desc(), CompanyContactLog.id.desc())))


def contact_sentence(entry: CompanyContactLog) -> str:
    """« Nom (organisation) le 12/11/2026, par téléphone : « début de ce qui s'est dit… » »."""
    summary = entry.summary if len(entry.summary) <= SUMMARY_EXCERPT else (
        entry.summary[:SUMMARY_EXCERPT - 1] + "…")
    return (f"{entry.author.display_name} ({entry.organisation.name}) le "
            f"{date_fr(entry.contacted_on)}, {entry.channel_label.lower()} : « {summary} ».")


def solicitation_lines(company: Company, organisation_id: int, on: date, today: date,
                       quiet_days: int) -> list[str]:
    """Why logging an exchange with this company needs a confirmation; empty when it does not."""
    lines = []
    if mark := active_mark(company.id, today):
        lines.append(mark_sentence(mark))
    recent = recent_contacts_by_others(company.id, organisation_id, on, quiet_days)
    if recent:
        lines.append(f"Contact récent d'une autre organisation (moins de {quiet_days} jours) : "
                     + " ".join(contact_sentence(entry) for entry in recent))
    return lines


def log_contact(actor: User, company: Company, contact: ContactInput, *, today: date,
                quiet_days: int = DEFAULT_QUIET_DAYS, confirmed: bool = False,
                target: ProspectionTarget | None = None, stage_from: str | None = None,
                stage_to: str | None = None) -> CompanyContactLog:
    """Add an exchange to the company's log (the board passes the stage change it carries).

    Invalid on bad fields; SolicitationWarning, unless `confirmed`, when another
    organisation had an exchange with it lately or it is marked « ne pas solliciter »."""
    if not may(actor, "contact.log"):
        raise NotAllowed("Vous ne pouvez pas consigner d'échange avec une entreprise.")
    if problems := contact_problems(contact, today):
        raise Invalid(problems)
    company = resolve_merged(company)
    organisation = prospecting_organisation(actor, company.commune.pole_id)
    if organisation is None:
        raise NotAllowed("Vous ne pouvez pas consigner d'échange avec une entreprise.")
    organisation_id = organisation.id
    warnings = []
    if contact.channel not in NO_EXCHANGE_CHANNELS:
        warnings = solicitation_lines(company, organisation_id, contact.contacted_on, today,
                                      quiet_days)
    if warnings and not confirmed:
        raise SolicitationWarning(warnings)
    target = target or target_of(company.id)
    entry = CompanyContactLog(
        company_id=company.id, target_id=target.id if target else None, author_id=actor.id,
        organisation_id=organisation_id, contacted_on=contact.contacted_on,
        channel=contact.channel, person_met=contact.person_met.strip()[:120],
        summary=contact.summary.strip(), outcome=contact.outcome, stage_from=stage_from,
        stage_to=stage_to, confirmed_despite=" ".join(warnings)[:250],
        need_rome_code=contact.need_rome_code or None, need_positions=contact.need_positions,
        need_hours=contact.need_hours, need_start_on=contact.need_start_on,
        need_contract=contact.need_contract or None,
    )
    db.session.add(entry)
    db.session.flush()
    if target is not None and target.organisation_id != organisation_id:
        notify("company_contacted", [target.lead_id], record_type="prospection_target",
               record_id=target.id, url=record_path("prospection.target", target_id=target.id),
               exclude=actor.id,
               params={"organisation": organisation.name, "company": company.name,
                       "on": date_fr(contact.contacted_on), "channel": entry.channel_label.lower()})
    return entry


def company_log(company_id: int, limit: int = 100) -> list[CompanyContactLog]:
    """The company's exchanges, newest first, every organisation's."""
    return list(db.session.scalars(select(CompanyContactLog).where(
        CompanyContactLog.company_id == company_id)
        .order_by(CompanyContactLog.contacted_on.desc(), CompanyContactLog.id.desc())
        .limit(limit)))
