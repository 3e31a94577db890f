"""Hiring needs: the territory's list, one need, a new need for a company the organisation
follows."""

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from webapp.api.schemas.common import (
    Body,
    InseeText,
    Instant,
    Out,
    PostalCodeText,
    Query,
    RomeCodeText,
)
from webapp.api.schemas.offers import Schedule
from webapp.needs.lifecycle import MAX_HOURS, MIN_HOURS, NEED_CONTRACTS
from webapp.needs.models import NEED_STATUSES

NeedContract = Literal[tuple(NEED_CONTRACTS)]  # type: ignore[valid-type]
NeedStatus = Literal[tuple(NEED_STATUSES)]  # type: ignore[valid-type]


class NeedCompany(Out):
    id: int
    name: str
    siret: str | None


class NeedOut(Out):
    id: str = Field(description="Référence Passerelle du besoin (B-00042).")
    company: NeedCompany
    title: str
    rome_code: str
    rome_label: str | None
    commune: str
    commune_name: str
    postal_code: str | None = None
    positions: int
    hours_per_week: float
    schedule: Schedule
    contract: str
    start_date: date
    immersion_welcome: bool
    comment: str
    status: str
    status_label: str
    taken: bool = Field(description="Un CRE a pris le besoin en charge.")
    offer_id: str | None = Field(description="L'offre née du besoin, une fois transformé.")
    created_at: Instant | None
    updated_at: Instant | None


class NeedQuery(Query):
    status: NeedStatus | Literal["ouverts", "tous"] = Field("ouverts", description=(
        "`ouverts` (en attente, pris en charge, question posée), `tous` ou un statut."))
    company_id: Annotated[int, Field(ge=1, le=2_147_483_647)] | None = None
    commune: InseeText | None = None
    rome_code: RomeCodeText | None = None


class NeedPage(Out):
    items: list[NeedOut]
    next_cursor: str | None


class NeedCreate(Body):
    """A need of a company the organisation follows: the same rules as the employer's form."""

    company_id: Annotated[int, Field(ge=1, le=2_147_483_647, description=(
        "L'entreprise (`id` de /companies), suivie par votre organisation dans le plan de "
        "prospection."))]
    rome_code: RomeCodeText
    title: Annotated[str, Field(max_length=200)] = ""
    commune: InseeText
    postal_code: PostalCodeText | None = None
    positions: Annotated[int, Field(ge=1, le=10_000)] = 1
    hours_per_week: Annotated[float, Field(ge=MIN_HOURS, le=MAX_HOURS)] = 35
    schedule: Schedule = Schedule()
    contract: NeedContract = "CDI"
    start_date: date = Field(description="Date de début souhaitée (aujourd'hui ou plus tard).")
    immersion_welcome: bool = False
    comment: Annotated[str, Field(max_length=2000)] = ""
