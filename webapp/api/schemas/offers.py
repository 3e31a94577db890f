"""Offers: the pool's list and filters, one offer, a new offer, a change."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from webapp.api.schemas.common import (
    Body,
    InseeText,
    Instant,
    Out,
    PostalCodeText,
    Query,
    RomeCodeText,
    number_among,
)
from webapp.offers.models import CONTRACTS, OFFER_STATUSES, VISIBILITIES
from webapp.offers.pool import DAY_CHOICES, RADIUS_CHOICES_KM, SORTS

Contract = Literal[tuple(CONTRACTS)]  # type: ignore[valid-type]
Status = Literal[tuple(OFFER_STATUSES)]  # type: ignore[valid-type]
Visibility = Literal[tuple(VISIBILITIES)]  # type: ignore[valid-type]


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False


class EmployerRef(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    siret: Annotated[str, Field(pattern=r"^[0-9 ]{14,17}$", description=(
        "SIRET d'une entreprise de l'annuaire."))]


class OfferCreate(Body):
    """A new offer of the token's organisation: the same rules as the form."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    rome_code: RomeCodeText | None = None
    commune: InseeText
    postal_code: PostalCodeText | None = None
    contract: Contract = "CDI"
    hours_per_week: Annotated[float, Field(ge=1, le=48)] | None = None
    schedule: Schedule = Schedule()
    requires_driving_licence: bool = False
    requires_vehicle: bool = False
    start_date: date | None = None
    end_date: date | None = None
    positions: Annotated[int, Field(ge=1, le=10_000)] = 1
    positions_filled: Annotated[int, Field(ge=0, le=10_000)] = 0
    immersion_possible: bool = False
    description: Annotated[str, Field(max_length=5000)] = ""
    salary: Annotated[str, Field(max_length=120)] = ""
    skills: Annotated[str, Field(max_length=2000)] = ""
    employer: EmployerRef | None = None
    visibility: Visibility = "territory"
    external_ref: Annotated[str, Field(max_length=80, description=(
        "Votre propre identifiant de l'offre (unique dans l'organisation)."))] | None = None
    source_url: Annotated[str, Field(max_length=300)] = ""
    status: Literal["draft", "open"] = Field("draft", description=(
        "`draft` (brouillon) ou `open` (publiée à la création)."))


class OfferUpdate(Body):
    """The fields to change (the others keep their value); `status` moves the life cycle."""

    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    rome_code: RomeCodeText | None = None
    commune: InseeText | None = None
    postal_code: PostalCodeText | None = None
    contract: Contract | None = None
    hours_per_week: Annotated[float, Field(ge=1, le=48)] | None = None
    schedule: Schedule | None = None
    requires_driving_licence: bool | None = None
    requires_vehicle: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    positions: Annotated[int, Field(ge=1, le=10_000)] | None = None
    positions_filled: Annotated[int, Field(ge=0, le=10_000)] | None = None
    immersion_possible: bool | None = None
    description: Annotated[str, Field(max_length=5000)] | None = None
    salary: Annotated[str, Field(max_length=120)] | None = None
    skills: Annotated[str, Field(max_length=2000)] | None = None
    employer: EmployerRef | None = None
    visibility: Visibility | None = None
    external_ref: Annotated[str, Field(max_length=80)] | None = None
    source_url: Annotated[str, Field(max_length=300)] | None = None
    status: Status | None = Field(None, description=(
        "Nouveau statut : `open`, `suspended`, `filled`, `cancelled` selon le cycle de vie."))


class Employer(Out):
    name: str
    siret: str | None
    company_id: int


class OfferOut(Out):
    id: str = Field(description="Référence Passerelle de l'offre (O-2026-XXXXXX).")
    title: str
    rome_code: str | None
    rome_label: str | None
    rome_inferred: bool
    commune: str
    commune_name: str
    postal_code: str | None = None
    contract: str
    hours_per_week: float | None
    schedule: Schedule
    requires_driving_licence: bool
    requires_vehicle: bool
    start_date: date | None
    end_date: date | None
    positions: int
    positions_filled: int
    immersion_possible: bool
    employer: Employer | None
    status: str
    status_label: str
    visibility: str
    description: str
    salary: str
    skills: str
    external_ref: str | None
    source_url: str
    organisation: str
    published_at: Instant | None
    updated_at: Instant | None
    version: int
    distance_km: float | None = None


class OfferListQuery(Query):
    q: Annotated[str, Field(max_length=100, description="Mots de l'intitulé ou de la description.")] = ""
    family: Annotated[str, Field(pattern=r"^[A-N]([0-9]{2})?$", description=(
        "Grand domaine (K) ou domaine (K22) du ROME."))] = ""
    rome_code: RomeCodeText | Literal[""] = ""
    commune: InseeText | Literal[""] = Field("", description="Centre de la recherche (code INSEE).")
    radius_km: number_among(RADIUS_CHOICES_KM) = 20  # type: ignore[valid-type]
    contract: Contract | Literal[""] = ""
    status: Status | Literal["tous"] = "open"
    mine: bool = Field(False, description="Seulement les offres de votre organisation.")
    immersion: bool = False
    days: number_among(DAY_CHOICES) | None = None  # type: ignore[valid-type]
    sort: Literal[tuple(SORTS)] = "recent"  # type: ignore[valid-type]


class OfferPage(Out):
    items: list[OfferOut]
    next_cursor: str | None
