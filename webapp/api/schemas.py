"""The shapes the API reads and writes, as pydantic models: the validators of the requests and
the source of the OpenAPI document (webapp/api/openapi.py), so the two cannot drift apart.

Field names follow the exchange format (../shared/spec/exchange-format.md) where it has one."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from webapp.offers.models import CONTRACTS, OFFER_STATUSES, VISIBILITIES
from webapp.offers.pool import DAY_CHOICES, RADIUS_CHOICES_KM, SORTS

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25
MAX_PROFILES = 100

Contract = Literal[tuple(CONTRACTS)]  # type: ignore[valid-type]
Status = Literal[tuple(OFFER_STATUSES)]  # type: ignore[valid-type]
Visibility = Literal[tuple(VISIBILITIES)]  # type: ignore[valid-type]
RomeCodeText = Annotated[str, Field(pattern=r"^[A-N][0-9]{4}$", examples=["K2204"])]
InseeText = Annotated[str, Field(pattern=r"^[0-9][0-9AB][0-9]{3}$", examples=["13205"])]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE, description=(
    f"Nombre d'éléments par page (1 à {MAX_PAGE_SIZE})."))]


def number_among(choices: tuple[int, ...]):
    """An integer (typed as text in a query string) that must be one of `choices`."""

    def check(value: int) -> int:
        if value not in choices:
            raise PydanticCustomError("literal_error", "not one of the choices",
                                      {"expected": ", ".join(map(str, choices))})
        return value

    return Annotated[int, AfterValidator(check), Field(json_schema_extra={"enum": list(choices)})]


Cursor = Annotated[str | None, Field(max_length=500, description=(
    "Curseur opaque renvoyé par la page précédente (`next_cursor`)."))]


class Body(BaseModel):
    """A request body: strict JSON types, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Query(BaseModel):
    """Query parameters: strings converted, unknown parameters refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    page_size: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor = None


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- errors ---------------------------------------------------------------------------------

class FieldError(Out):
    field: str = Field(description="Le champ ou le paramètre en cause (`schedule.night`, "
                                   "`profiles[2].commune`).")
    detail: str


class Problem(Out):
    """An error (RFC 9457), always in French."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


# --- offers ---------------------------------------------------------------------------------

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
    published_at: datetime | None
    updated_at: datetime | None
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


# --- companies ------------------------------------------------------------------------------

class CompanyOut(Out):
    id: int
    name: str
    siret: str | None
    naf_code: str | None
    naf_label: str | None
    commune: str
    commune_name: str
    address: str
    size_band: str | None
    labels: list[str] = Field(description="Labels de la task force (« Entreprise accueillante »…).")
    updated_at: datetime | None


class CompanyQuery(Query):
    q: Annotated[str, Field(max_length=100, description="Nom ou début de SIRET.")] = ""
    siret: Annotated[str, Field(pattern=r"^[0-9]{14}$")] | None = None
    commune: InseeText | None = None


class CompanyPage(Out):
    items: list[CompanyOut]
    next_cursor: str | None


# --- reference data -------------------------------------------------------------------------

class CommuneOut(Out):
    insee: str
    name: str
    display_name: str
    kind: str
    departement: str
    postal_codes: list[str]
    population: int
    lat: float
    lon: float
    pole: str | None = Field(description="Pôle d'insertion (Bouches-du-Rhône).")


class CommuneQuery(Query):
    q: Annotated[str, Field(max_length=100, description="Nom ou code postal.")] = ""
    departement: Annotated[str, Field(pattern=r"^[0-9][0-9AB]$")] | None = None


class CommunePage(Out):
    items: list[CommuneOut]
    next_cursor: str | None


class RomeOut(Out):
    code: str
    label: str
    score: float | None = Field(None, description="Pertinence pour la recherche `q` (0-100).")


class RomeQuery(Query):
    q: Annotated[str, Field(max_length=100, description=(
        "Un intitulé de métier (« femme de ménage ») : les codes les plus proches."))] = ""


class RomePage(Out):
    items: list[RomeOut]
    next_cursor: str | None


class NafOut(Out):
    code: str
    label: str


class NafQuery(Query):
    q: Annotated[str, Field(max_length=100, description="Code ou mots du libellé.")] = ""


class NafPage(Out):
    items: list[NafOut]
    next_cursor: str | None


# --- matching -------------------------------------------------------------------------------

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


DOCUMENTED = (Problem, OfferOut, OfferPage, OfferCreate, OfferUpdate, CompanyOut, CompanyPage,
              CommuneOut, CommunePage, RomeOut, RomePage, NafOut, NafPage, ExchangeProfile,
              MatchingRequest, MatchingResponse)
