"""The shapes the API reads and writes, as pydantic models, one module per resource: the
validators of the requests and the source of the OpenAPI document (webapp/api/openapi.py), so
the two cannot drift apart.

Field names follow the exchange format (../shared/spec/exchange-format.md) where it has one."""

from webapp.api.schemas.common import Problem
from webapp.api.schemas.companies import CompanyOut, CompanyPage
from webapp.api.schemas.events import EventCreate, EventOut, EventPage
from webapp.api.schemas.indicators import IndicatorsOut
from webapp.api.schemas.matching import ExchangeProfile, MatchingRequest, MatchingResponse
from webapp.api.schemas.needs import NeedCreate, NeedOut, NeedPage
from webapp.api.schemas.offers import OfferCreate, OfferOut, OfferPage, OfferUpdate
from webapp.api.schemas.reference import (
    CommuneOut,
    CommunePage,
    NafOut,
    NafPage,
    RomeOut,
    RomePage,
)

# Every schema the OpenAPI document names in components/schemas (with those they use).
DOCUMENTED = (Problem, OfferOut, OfferPage, OfferCreate, OfferUpdate, CompanyOut, CompanyPage,
              CommuneOut, CommunePage, RomeOut, RomePage, NafOut, NafPage, ExchangeProfile,
              MatchingRequest, MatchingResponse, NeedOut, NeedPage, NeedCreate, EventOut,
              EventPage, EventCreate, IndicatorsOut)
