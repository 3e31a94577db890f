"""Offers through the API: the pool's list and filters, one offer, create, update (If-Match).

Every rule is the offers feature's own (webapp/offers/editing.py and values.py): the API only
translates between JSON and OfferValues, and between form field names and JSON field names."""

from dataclasses import replace

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ingestion.siret import normalise_siret
from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem, invalid
from webapp.api.routes import endpoint
from webapp.api.schemas.offers import (
    OfferCreate,
    OfferListQuery,
    OfferOut,
    OfferPage,
    OfferUpdate,
)
from webapp.api.validation import json_body, next_cursor, offset_of, query
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.permissions import can, visible_clause
from webapp.extensions import db
from webapp.offers.editing import (
    change_status,
    create_offer,
    update_offer,
)
from webapp.offers.models import Offer
from webapp.offers.pool import PoolFilters, pool_statement
from webapp.offers.radius import communes_within
from webapp.offers.values import OfferValues

# A form field of OfferValues -> its name in the API's JSON.
API_FIELDS = {"commune_insee": "commune", "company_id": "employer.siret",
              "contact_id": "employer.siret", "night": "schedule.night",
              "weekend": "schedule.weekend", "early_morning": "schedule.early_morning",
              "split_shift": "schedule.split_shift", "to_status": "status",
              "organisation_id": "organisation"}
SCHEDULE = ("night", "weekend", "early_morning", "split_shift")

def offer_out(offer: Offer, distance_km: float | None = None) -> dict:
    """An offer as the API shows it (exchange-format names, platform reference as id)."""
    company = offer.company
    return OfferOut(
        id=offer.reference, title=offer.title, rome_code=offer.rome_code,
        rome_label=offer.rome.label if offer.rome else None, rome_inferred=offer.rome_inferred,
        commune=offer.commune_insee, commune_name=offer.commune.display_name,
        postal_code=offer.postal_code,
        contract=offer.contract, hours_per_week=offer.hours_per_week,
        schedule={flag: getattr(offer, flag) for flag in SCHEDULE},
        requires_driving_licence=offer.requires_driving_licence,
        requires_vehicle=offer.requires_vehicle, start_date=offer.start_date,
        end_date=offer.end_date, positions=offer.positions,
        positions_filled=offer.positions_filled, immersion_possible=offer.immersion_possible,
        employer={"name": company.name, "siret": company.siret, "company_id": company.id}
        if company else None,
        status=offer.status, status_label=offer.status_label, visibility=offer.visibility,
        description=offer.description, salary=offer.salary, skills=offer.skills,
        external_ref=offer.external_ref, source_url=offer.source_url,
        organisation=offer.organisation.name, published_at=offer.published_at,
        updated_at=offer.updated_at, version=offer.version,
        distance_km=round(distance_km, 1) if distance_km is not None else None,
    ).model_dump(mode="json")

def etag(offer: Offer) -> str:
    return f'"{offer.reference}-v{offer.version}"'

def _answer(offer: Offer, status: int = 200):
    return offer_out(offer), status, {"ETag": etag(offer)}

@endpoint("GET", "/offers", summary="Lister les offres du vivier (filtres du vivier partagé)",
          scope="offers:read", query=OfferListQuery, response=OfferPage, errors=(400,))
def list_offers(principal: TokenPrincipal):
    params = query(OfferListQuery)
    filters = PoolFilters(text=params.q, family=params.family, rome_code=params.rome_code,
                          commune_insee=params.commune, radius_km=params.radius_km,
                          contract=params.contract, status=params.status,
                          organisation_id=principal.organisation.id if params.mine else None,
                          immersion=params.immersion, days=params.days, sort=params.sort)
    distances = communes_within(filters.commune_insee, filters.radius_km) if filters.commune_insee else None
    offset = offset_of(params)
    statement = pool_statement(principal, filters, clock.now(), distances).options(
        joinedload(Offer.company), joinedload(Offer.organisation))
    offers = list(db.session.scalars(statement.limit(params.page_size + 1).offset(offset)).unique())
    items = [offer_out(offer, distances.get(offer.commune_insee) if distances else None)
             for offer in offers[:params.page_size]]
    return {"items": items,
            "next_cursor": next_cursor(params, offset, len(offers) > params.page_size)}

def _load(principal: TokenPrincipal, reference: str, action: str) -> Offer:
    """An offer by reference the token may reach for `action`: a 404 either way."""
    offer = db.session.scalar(select(Offer).where(Offer.reference == reference))
    if offer is None or offer.merged_into_id is not None or not can(principal, "offer.view", offer):
        raise ApiProblem(404, f"Aucune offre « {reference} » accessible avec ce jeton.")
    if action != "offer.view" and not can(principal, action, offer):
        raise ApiProblem(403, "Cette offre n'est pas de votre organisation : lecture seule.")
    return offer

@endpoint("GET", "/offers/<reference>", summary="Lire une offre", scope="offers:read",
          response=OfferOut, errors=(404,), headers={"ETag": "Version de l'offre, pour If-Match."})
def get_offer(principal: TokenPrincipal, reference: str):
    return _answer(_load(principal, reference, "offer.view"))

def _company_id(principal: TokenPrincipal, siret: str | None) -> int | None:
    if siret is None:
        return None
    digits = normalise_siret(siret)
    company = db.session.scalar(select(Company).where(
        Company.siret == digits, Company.merged_into_id.is_(None),
        visible_clause(principal, "company.view", Company)).order_by(Company.id).limit(1))
    if company is None:
        raise invalid({"employer.siret": f"aucune entreprise de l'annuaire avec le SIRET {digits} : "
                                         "créez d'abord sa fiche"})
    return company.id

def _service_problems(error: Invalid | NotAllowed) -> ApiProblem:
    if isinstance(error, NotAllowed):
        return ApiProblem(403, error.message)
    errors = {name or "offre": message for name, message in error.problems.items()} or {
        "offre": error.message}
    return invalid({API_FIELDS.get(name, name): message for name, message in errors.items()})

@endpoint("POST", "/offers", summary="Déposer une offre pour votre organisation",
          scope="offers:write", body=OfferCreate, response=OfferOut, status=201,
          errors=(400, 403, 415, 422), headers={"ETag": "Version de l'offre.",
                                                "Location": "Adresse de l'offre créée."})
def post_offer(principal: TokenPrincipal):
    typed = json_body(OfferCreate)
    values = OfferValues(
        title=typed.title, rome_code=typed.rome_code, commune_insee=typed.commune,
        contract=typed.contract, hours_per_week=typed.hours_per_week,
        **typed.schedule.model_dump(), requires_driving_licence=typed.requires_driving_licence,
        requires_vehicle=typed.requires_vehicle, start_date=typed.start_date,
        end_date=typed.end_date, positions=typed.positions,
        positions_filled=typed.positions_filled, immersion_possible=typed.immersion_possible,
        description=typed.description.strip(), salary=typed.salary.strip(),
        skills=typed.skills.strip(),
        company_id=_company_id(principal, typed.employer.siret if typed.employer else None),
        visibility=typed.visibility, external_ref=(typed.external_ref or "").strip() or None,
        source_url=typed.source_url.strip(), postal_code=typed.postal_code)
    try:
        offer = create_offer(principal, values, organisation=principal.organisation,
                             status=typed.status, note=principal.display_name)
    except (Invalid, NotAllowed) as error:
        raise _service_problems(error) from None
    db.session.commit()
    body, _, headers = _answer(offer)
    return body, 201, headers | {"Location": f"/api/v1/offers/{offer.reference}"}

def _expected_version(offer: Offer) -> int:
    """The version the client last read, from If-Match (required: 428 without it)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise ApiProblem(428, "Envoyez l'en-tête If-Match avec l'ETag lu (GET de l'offre) : "
                              "une modification faite entre-temps ne sera pas écrasée.")
    if header == "*":
        return offer.version
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    if etag(offer) in tags:
        return offer.version
    version = next((tag.strip('"').rsplit("-v", 1)[-1] for tag in tags
                    if tag.strip('"').startswith(offer.reference + "-v")), "")
    return int(version) if version.isdigit() else -1

@endpoint("PATCH", "/offers/<reference>", summary="Modifier une offre de votre organisation",
          scope="offers:write", body=OfferUpdate, response=OfferOut,
          errors=(400, 403, 404, 412, 415, 422, 428),
          headers={"ETag": "Nouvelle version de l'offre."},
          description="En-tête `If-Match` obligatoire (l'ETag lu) : si l'offre a changé entre-temps, "
                      "la réponse est 412 et rien n'est écrit.")
def patch_offer(principal: TokenPrincipal, reference: str):
    offer = _load(principal, reference, "offer.edit")
    typed = json_body(OfferUpdate)
    version = _expected_version(offer)
    given = typed.model_fields_set
    changes = {name: getattr(typed, name) for name in given
               if name not in ("commune", "schedule", "employer", "status")}
    if "commune" in given:
        changes["commune_insee"] = typed.commune
    if "schedule" in given and typed.schedule is not None:
        changes |= typed.schedule.model_dump()
    if "employer" in given:
        changes["company_id"] = _company_id(principal, typed.employer.siret if typed.employer else None)
        changes["contact_id"] = None
    nullable = {"rome_code", "hours_per_week", "start_date", "end_date", "external_ref", "company_id",
                "contact_id", "postal_code"}
    refused = {name: "ne peut pas être null" for name, value in changes.items()
               if value is None and name not in nullable}
    if refused or (typed.status is None and "status" in given):
        raise invalid(refused | ({"status": "ne peut pas être null"} if "status" in given
                                 and typed.status is None else {}))
    try:
        update_offer(principal, offer, replace(OfferValues.of(offer), **changes), version)
        if typed.status is not None and typed.status != offer.status:
            change_status(principal, offer, typed.status, note=principal.display_name)
    except Conflict as conflict:
        raise ApiProblem(412, "L'offre a été modifiée depuis votre lecture : rien n'a été écrit. "
                              "Relisez-la (GET) puis renvoyez vos changements avec le nouvel ETag.",
                         changes=conflict.changes) from None
    except (Invalid, NotAllowed) as error:
        raise _service_problems(error) from None
    db.session.commit()
    return _answer(offer)
