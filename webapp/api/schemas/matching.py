"""Matching: anonymous profiles of the exchange format in, ranked and explained offers out."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from webapp.api.schemas.common import Body, InseeText, Out

MAX_PROFILES = 100


class Mobility(BaseModel):
    model_config = ConfigDict(extra="allow")

    modes: list[Literal["walk", "bike", "public_transport", "car", "carpool", "two_wheeler"]] = []
    max_minutes: int | None = None
    max_km: float | None = None


class Availability(BaseModel):
    model_config = ConfigDict(extra="allow")

    min_hours_per_week: float | None = None
    max_hours_per_week: float | None = None
    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False


class ExchangeProfile(BaseModel):
    """An anonymous profile of the exchange format: no name, birth date, sex or health detail."""

    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)

    id: str = Field(description="Votre identifiant du profil, renvoyé tel quel ; rien n'est stocké.")
    commune: InseeText
    postal_code: str | None = None
    target_rome_codes: list[str] = []
    target_titles: list[str] = []
    experience_months: dict[str, int] = {}
    mobility: Mobility = Mobility()
    driving_licence: bool = False
    vehicle: bool = False
    availability: Availability = Availability()
    childcare_constraint: bool = False
    available_from: date | None = None
    parcours: Literal["emploi", "socio_pro", "remobilisation"] | None = None
    consent_promotion: bool = False


class MatchingRequest(Body):
    profiles: Annotated[list[dict], Field(min_length=1, max_length=MAX_PROFILES, description=(
        f"1 à {MAX_PROFILES} profils au format d'échange (schéma ExchangeProfile)."),
        json_schema_extra={"items": {"$ref": "#/components/schemas/ExchangeProfile"}})]
    top: Annotated[int, Field(ge=1, le=50)] = 10
    explain: bool = Field(False, description="Lister aussi les offres écartées et pourquoi.")


class Components(Out):
    job: float
    reach: float
    hours: float
    availability: float


class Travel(Out):
    km: float
    minutes: int
    mode: str
    to_check: bool | None = Field(None, description=(
        "Présent (vrai) quand le trajet est à vérifier : même commune étendue (Arles), "
        "lieu précis inconnu d'un côté ; jamais écarté sur le trajet, score de trajet neutre."))


class OfferMatch(Out):
    offer_id: str
    score: float
    components: Components
    travel: Travel
    reasons: list[str]
    title: str
    company: str


class OfferExclusion(Out):
    offer_id: str
    reasons: list[str]


class ProfileMatches(Out):
    profile_id: str
    matches: list[OfferMatch]
    excluded: list[OfferExclusion] | None = None
    offers_in_reach: int
    offers_excluded: int
    exclusion_summary: str


class MatchingMeta(Out):
    engine_version: str
    weights: dict[str, float]
    profiles: int
    seconds: float


class MatchingResponse(Out):
    results: list[ProfileMatches]
    meta: MatchingMeta

