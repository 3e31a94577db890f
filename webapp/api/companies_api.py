"""The employer directory through the API: search by SIRET or name, one company.

Only the company's own facts: never its contacts (people) nor the task force's notes."""

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ingestion.siret import normalise_siret
from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem
from webapp.api.routes import endpoint
from webapp.api.schemas.companies import CompanyOut, CompanyPage, CompanyQuery
from webapp.api.validation import next_cursor, offset_of, query
from webapp.companies.directory import resolve_merged
from webapp.companies.models import COMPANY_LABELS, Company
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db


def company_out(company: Company) -> dict:
    return CompanyOut(
        id=company.id, name=company.name, siret=company.siret, naf_code=company.naf_code,
        naf_label=company.naf.label if company.naf else None, commune=company.commune_insee,
        commune_name=company.commune.display_name, address=company.address,
        size_band=company.size_band,
        labels=[label for column, label in COMPANY_LABELS.items() if getattr(company, column)],
        updated_at=company.updated_at,
    ).model_dump(mode="json")


@endpoint("GET", "/companies", summary="Chercher une entreprise (SIRET ou nom)",
          scope="companies:read", query=CompanyQuery, response=CompanyPage, errors=(400,))
def list_companies(principal: TokenPrincipal):
    params = query(CompanyQuery)
    statement = select(Company).where(visible_clause(principal, "company.view", Company),
                                      Company.merged_into_id.is_(None))
    if params.siret:
        statement = statement.where(Company.siret == params.siret)
    if text := params.q.strip():
        digits = normalise_siret(text)
        statement = statement.where(or_(
            Company.name.ilike(f"%{text}%"),
            *([Company.siret.startswith(digits)] if digits.isdigit() else [])))
    if params.commune:
        statement = statement.where(Company.commune_insee == params.commune)
    offset = offset_of(params)
    companies = list(db.session.scalars(
        statement.options(joinedload(Company.naf)).order_by(Company.name, Company.id)
        .limit(params.page_size + 1).offset(offset)).unique())
    return {"items": [company_out(c) for c in companies[:params.page_size]],
            "next_cursor": next_cursor(params, offset, len(companies) > params.page_size)}


@endpoint("GET", "/companies/<int:company_id>", summary="Lire une entreprise",
          scope="companies:read", response=CompanyOut, errors=(404,),
          description="Une entreprise fusionnée renvoie celle qui la remplace.")
def get_company(principal: TokenPrincipal, company_id: int):
    company = resolve_merged(db.session.get(Company, company_id))
    if company is None or not can(principal, "company.view", company):
        raise ApiProblem(404, f"Aucune entreprise n° {company_id} accessible avec ce jeton.")
    return company_out(company)
