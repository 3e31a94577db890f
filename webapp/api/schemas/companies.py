"""Companies of the directory: a search, one company."""

from typing import Annotated

from pydantic import Field

from webapp.api.schemas.common import InseeText, Instant, Out, Query


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
    updated_at: Instant | None


class CompanyQuery(Query):
    q: Annotated[str, Field(max_length=100, description="Nom ou début de SIRET.")] = ""
    siret: Annotated[str, Field(pattern=r"^[0-9]{14}$")] | None = None
    commune: InseeText | None = None


class CompanyPage(Out):
    items: list[CompanyOut]
    next_cursor: str | None
