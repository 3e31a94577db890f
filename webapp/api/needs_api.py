"""Hiring needs through the API: the needs of the territory a CRE of the organisation would see
in the queue, one need, and a new need posted for a company the organisation follows.

A new need goes through the employer's own service (needs.lifecycle.record_need: the form's
rules, the queue, the CREs told). Its author is the CRE who leads the company's target for the
organisation; its first step says which token posted it."""

from sqlalchemy import select

from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem, invalid
from webapp.api.routes import endpoint
from webapp.api.schemas.needs import NeedCreate, NeedOut, NeedPage, NeedQuery
from webapp.api.validation import json_body, paged, query
from webapp.companies.accounts import ensure_employer_organisation
from webapp.companies.directory import resolve_merged
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db
from webapp.needs.lifecycle import NeedInput, record_need
from webapp.needs.models import NEED_STATUSES, OPEN_NEED_STATUSES, HiringNeed
from webapp.prospection.plan import target_followed_by

# The right a CRE has on the territory's needs (the queue), which a token holds as a CRE.
READ_ACTION = "need.queue"
SCHEDULE = ("night", "weekend", "early_morning", "split_shift")
API_FIELDS = {"commune_insee": "commune"}  # postal_code keeps its name


def need_out(need: HiringNeed) -> dict:
    """A need as the API shows it: the company's facts and the request, never a person."""
    company = need.company
    return NeedOut(
        id=need.reference, company={"id": company.id, "name": company.name, "siret": company.siret},
        title=need.title, rome_code=need.rome_code, rome_label=need.rome.label if need.rome else None,
        commune=need.commune_insee, commune_name=need.commune.display_name,
        postal_code=need.postal_code, positions=need.positions, hours_per_week=need.hours_per_week,
        schedule={flag: getattr(need, flag) for flag in SCHEDULE}, contract=need.contract,
        start_date=need.start_date, immersion_welcome=need.immersion_welcome,
        comment=need.comment, status=need.status,
        status_label=NEED_STATUSES.get(need.status, need.status), taken=need.cre_id is not None,
        offer_id=need.offer.reference if need.offer else None, created_at=need.created_at,
        updated_at=need.updated_at,
    ).model_dump(mode="json")


@endpoint("GET", "/needs", summary="Lister les besoins de recrutement du territoire",
          scope="needs:read", query=NeedQuery, response=NeedPage, errors=(400,))
def list_needs(principal: TokenPrincipal):
    params = query(NeedQuery)
    statement = select(HiringNeed).where(visible_clause(principal, READ_ACTION, HiringNeed))
    if params.status == "ouverts":
        statement = statement.where(HiringNeed.status.in_(OPEN_NEED_STATUSES))
    elif params.status != "tous":
        statement = statement.where(HiringNeed.status == params.status)
    if params.company_id is not None:
        statement = statement.where(HiringNeed.company_id == params.company_id)
    if params.commune:
        statement = statement.where(HiringNeed.commune_insee == params.commune)
    if params.rome_code:
        statement = statement.where(HiringNeed.rome_code == params.rome_code)
    statement = statement.order_by(HiringNeed.created_at.desc(), HiringNeed.id.desc())
    return paged(params, statement, need_out)


def _reference_id(reference: str) -> int | None:
    number = reference.upper().removeprefix("B-")
    return int(number) if number.isdigit() and len(number) <= 9 else None


@endpoint("GET", "/needs/<reference>", summary="Lire un besoin de recrutement",
          scope="needs:read", response=NeedOut, errors=(404,))
def get_need(principal: TokenPrincipal, reference: str):
    number = _reference_id(reference)
    need = db.session.get(HiringNeed, number) if number else None
    if need is None or not can(principal, READ_ACTION, need):
        raise ApiProblem(404, f"Aucun besoin « {reference} » accessible avec ce jeton.")
    return need_out(need)


def _followed_company(principal: TokenPrincipal, company_id: int):
    """The company (merges followed) and the target through which the organisation follows it."""
    company = resolve_merged(db.session.get(Company, company_id))
    if company is None or not can(principal, "company.view", company):
        raise invalid({"company_id": f"aucune entreprise n° {company_id} dans l'annuaire"})
    target = target_followed_by(principal.organisation.id, company.id)
    if target is None:
        raise ApiProblem(403, f"Votre organisation ne suit pas « {company.name} » dans le plan de "
                              "prospection : seule l'organisation qui suit l'entreprise dépose "
                              "ses besoins.")
    return company, target


@endpoint("POST", "/needs", summary="Déposer un besoin pour une entreprise que vous suivez",
          scope="needs:write", body=NeedCreate, response=NeedOut, status=201,
          errors=(400, 403, 415, 422), headers={"Location": "Adresse du besoin créé."},
          description="Mêmes règles que le formulaire de l'employeur (métier et commune connus, "
                      "1 à 48 heures, date de début non passée). Le besoin attend dans la file "
                      "des CRE de son territoire, qui sont prévenus.")
def post_need(principal: TokenPrincipal):
    typed = json_body(NeedCreate)
    company, target = _followed_company(principal, typed.company_id)
    data = NeedInput(
        rome_code=typed.rome_code, commune_insee=typed.commune, postal_code=typed.postal_code,
        positions=typed.positions,
        hours_per_week=float(typed.hours_per_week), contract=typed.contract,
        start_date=typed.start_date, title=typed.title, **typed.schedule.model_dump(),
        immersion_welcome=typed.immersion_welcome, comment=typed.comment)
    try:
        need = record_need(ensure_employer_organisation(company), target.lead, data,
                           clock.today(), clock.now(), note=f"Déposé par {principal.display_name}")
    except Invalid as error:
        raise invalid({API_FIELDS.get(name, name or "besoin"): message
                       for name, message in error.problems.items()}) from None
    except NotAllowed as error:
        raise ApiProblem(403, error.message) from None
    db.session.commit()
    return need_out(need), 201, {"Location": f"/api/v1/needs/{need.reference}"}
