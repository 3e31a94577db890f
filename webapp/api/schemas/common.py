"""What every resource's schemas share: request bodies and queries, answers, problems (RFC 9457),
codes (ROME, INSEE), page sizes and cursors."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from webapp.core.clock import aware

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25

RomeCodeText = Annotated[str, Field(pattern=r"^[A-N][0-9]{4}$", examples=["K2204"])]
InseeText = Annotated[str, Field(pattern=r"^[0-9][0-9AB][0-9]{3}$", examples=["13205"])]
PostalCodeText = Annotated[str, Field(pattern=r"^[0-9]{5}$", examples=["13129"], description=(
    "Code postal de la commune : un lieu plus fin dans une commune étendue (Arles)."))]
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


# A moment in an answer: always with its offset (RFC 3339), SQLite's naive UTC values included.
Instant = Annotated[datetime, AfterValidator(aware)]

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


class FieldError(Out):
    field: str = Field(description="Le champ ou le paramètre en cause (`schedule.night`, "
                                   "`profiles[2].commune`).")
    detail: str


class Problem(BaseModel):
    """An error (RFC 9457), always in French. Some carry an extension member: `changes` (412:
    who changed what, when), `same_day` (409: the events of the same day)."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
