"""Indicators: the dashboard's aggregates for a territory, an organisation and a period, with
the small-cell rule already applied (a masked figure reads « < 5 » or « n.c. »)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from webapp.api.schemas.common import Out
from webapp.dashboard.indicators.period import PRESETS
from webapp.dashboard.indicators.registry import FAMILIES

Family = Literal[tuple(FAMILIES)]  # type: ignore[valid-type]
Preset = Literal[tuple(PRESETS)]  # type: ignore[valid-type]


class IndicatorQuery(BaseModel):
    """What the dashboard's selection form reads, in the API's words."""

    model_config = ConfigDict(extra="forbid")

    territory: Annotated[str, Field(pattern=r"^[A-Z0-9]{1,4}$", description=(
        "Code du pôle d'insertion ; absent : le territoire de votre organisation (le "
        "département pour une organisation départementale)."))] | None = None
    mine: bool = Field(False, description=(
        "`true` : les chiffres de votre organisation seulement ; sinon toutes les "
        "organisations du territoire."))
    period: Preset = Field("30j", description=(
        "`30j`, `trimestre`, `annee` (glissants, jusqu'à aujourd'hui) ou `perso` avec "
        "`start` et `end`."))
    start: date | None = Field(None, description="Premier jour (avec `period=perso`).")
    end: date | None = Field(None, description="Dernier jour compris (avec `period=perso`).")
    family: Family | None = Field(None, description="Une seule famille d'indicateurs.")


class Headline(Out):
    label: str
    value: str = Field(description="Le chiffre tel que publié : « 1 234 », « 46 % », « < 5 ».")
    detail: str
    masked: bool = Field(description="Masqué par la règle des petits effectifs.")


class IndicatorTable(Out):
    header: list[str]
    rows: list[list[str]]


class IndicatorOut(Out):
    key: str
    family: str
    title: str
    explanation: str
    headlines: list[Headline]
    table: IndicatorTable
    targets: list[str]
    note: str
    has_masked: bool


class Period(Out):
    start: date
    end: date = Field(description="Dernier jour compris.")
    label: str


class IndicatorsOut(Out):
    territory: str
    organisation: str
    period: Period
    indicators: list[IndicatorOut]
    masks: dict[str, str] = Field(description="Ce que veut dire chaque chiffre masqué.")
