"""Indicators through the API: the dashboard's figures for a territory, an organisation and a
period, computed by the dashboard itself (webapp/dashboard/indicators), the small-cell rule
applied there. A token reaches what a CRE of its organisation would: its territory's totals
and its own organisation's figures."""

from flask import current_app
from sqlalchemy import select

from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem, invalid
from webapp.api.routes import endpoint
from webapp.api.schemas.indicators import IndicatorQuery, IndicatorsOut
from webapp.api.validation import query
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.dashboard.indicators import Selection
from webapp.dashboard.indicators.access import access_for, organisation_label, territory_label
from webapp.dashboard.indicators.dashboard import all_results
from webapp.dashboard.indicators.period import custom_period, preset_period
from webapp.dashboard.indicators.privacy import MASK_EXPLANATIONS, MASK_TEXTS
from webapp.dashboard.indicators.registry import REGISTRY
from webapp.dashboard.indicators.results import Result
from webapp.extensions import db
from webapp.reference.models import Pole

PERIOD_FIELDS = {"debut": "start", "fin": "end"}


def _pole_id(principal: TokenPrincipal, code: str | None) -> int | None:
    if code is None:
        return access_for(principal).default_pole()
    pole_id = db.session.scalar(select(Pole.id).where(Pole.code == code))
    if pole_id is None:
        raise ApiProblem(404, f"Aucun pôle d'insertion « {code} ».")
    return pole_id


def _period(params: IndicatorQuery):
    if params.period != "perso":
        if params.start or params.end:
            raise invalid({"start": "seulement avec period=perso"}, status=400)
        return preset_period(params.period, clock.today())
    try:
        return custom_period(params.start, params.end)
    except Invalid as error:
        raise invalid({PERIOD_FIELDS.get(name, name): message
                       for name, message in error.problems.items()}, status=400) from None


def indicator_out(result: Result) -> dict:
    return {"key": result.key, "family": REGISTRY[result.key].family, "title": result.title,
            "explanation": result.explanation,
            "headlines": [{"label": h.label, "value": h.value, "detail": h.detail,
                           "masked": h.masked} for h in result.headlines],
            "table": {"header": [str(cell) for cell in result.table.header],
                      "rows": [[str(cell) for cell in row] for row in result.table.rows]},
            "targets": list(result.targets), "note": result.note,
            "has_masked": result.has_masked}


@endpoint("GET", "/indicators", summary="Indicateurs du tableau de bord d'un territoire",
          scope="indicators:read", query=IndicatorQuery, response=IndicatorsOut,
          errors=(400, 404),
          description="Les chiffres du tableau de bord, la règle des petits effectifs appliquée : "
                      "un effectif de 1 à 4 personnes est publié « < 5 », et une case qui "
                      "permettrait de le retrouver par soustraction « n.c. ». Un territoire ou "
                      "une organisation hors de portée du jeton donne 404.")
def get_indicators(principal: TokenPrincipal):
    params = query(IndicatorQuery)
    pole_id = _pole_id(principal, params.territory)
    organisation_id = principal.organisation.id if params.mine else None
    period = _period(params)
    selection = Selection(pole_id, organisation_id, period)
    try:
        results = all_results(principal, selection, clock.now(),
                              current_app.config["STALE_PROFILE_WEEKS"], params.family)
    except NotAllowed:
        raise ApiProblem(404, "Ce territoire n'est pas accessible avec ce jeton.") from None
    return IndicatorsOut(
        territory=territory_label(pole_id), organisation=organisation_label(organisation_id),
        period={"start": period.start, "end": period.last_day, "label": period.label},
        indicators=[indicator_out(result) for result in results],
        masks={MASK_TEXTS[mask]: text for mask, text in MASK_EXPLANATIONS.items()},
    ).model_dump(mode="json")
