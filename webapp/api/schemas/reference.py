"""Reference data: communes, ROME codes, NAF codes."""

from typing import Annotated

from pydantic import Field

from webapp.api.schemas.common import Out, Query


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
