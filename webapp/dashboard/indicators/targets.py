"""The targets and reference figures set beside the indicators, with where they come from
(domain brief, section 6). One place for each: the charts, the tables and the docs read them."""

from dataclasses import dataclass

from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import TargetLine


@dataclass(frozen=True)
class Target:
    label: str
    value: float
    unit: str
    source: str
    dashed: str = "6 4"
    label_says_value: bool = False

    @property
    def text(self) -> str:
        return f"{number_fr(self.value)}{self.unit}"

    def line(self) -> TargetLine:
        """The dashed line of a chart, labelled with the value unless the label says it."""
        text = "" if self.label_says_value else self.text
        return TargetLine(self.label, self.value, text, self.dashed)

    def sentence(self) -> str:
        """« Objectif : 46 % (source) », or « 1 pour 50 (source) »."""
        value = "" if self.label_says_value else f" : {self.text}"
        return f"{self.label}{value} ({self.source})"


IN_WORK_TARGET = Target(
    "Objectif", 46, " %",
    "« près de 46 % » en emploi six mois après, dossier de presse du Département, 18/10/2024")
IN_WORK_NATIONAL = Target(
    "National", 40, " %", "moyenne nationale de l'accompagnement rénové, même source", "2 3")
CASELOAD_DEPARTEMENT = Target(
    "1 pour 50", 50, " personnes", "un accompagnateur pour 50 personnes au Département",
    label_says_value=True)
CASELOAD_FRANCE_TRAVAIL = Target(
    "1 pour 70", 70, " personnes", "un accompagnateur pour 70 personnes à France Travail", "2 3",
    label_says_value=True)
# Contracts of six months or more count as durable employment, with the CDI.
DURABLE_MONTHS = 6
DURABLE_DAYS = 182
