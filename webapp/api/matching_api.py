"""Matching through the API: anonymous profiles in the exchange format in, the open offers
within their reach out, ranked and explained. Nothing is stored: the profiles live only in
this request (no table is written but the call log, which keeps no body)."""

import time
from collections import defaultdict

from pydantic import ValidationError

from matching.exchange import RecordError, profile_from_dict
from matching.weights import ENGINE_VERSION
from webapp.api.principal import TokenPrincipal
from webapp.api.problems import invalid
from webapp.api.routes import endpoint
from webapp.api.schemas.matching import ExchangeProfile, MatchingRequest, MatchingResponse
from webapp.api.validation import json_body, problems_of
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.reference.models import Commune
from webapp.reference.referential import engine_referential
from webapp.shortlists.inputs import offer_pool
from webapp.shortlists.live import engine_for


def exchange_profiles(raw: list[dict]) -> list:
    """Each posted profile checked like a file record would be; every problem named."""
    referential = engine_referential()
    problems: dict[str, str] = {}
    records = []
    seen: set[str] = set()
    for index, data in enumerate(raw):
        where = f"profiles[{index}]"
        try:
            ExchangeProfile.model_validate_json(_json(data))
            record = profile_from_dict(data, referential)
        except ValidationError as error:
            problems |= {f"{where}.{field}": message for field, message in problems_of(error).items()}
            continue
        except RecordError as error:
            problems |= {f"{where}.{p.field}": p.message for p in error.problems}
            continue
        if record.id in seen:
            problems[f"{where}.id"] = f"identifiant « {record.id} » en double"
        seen.add(record.id)
        records.append(record)
    if problems:
        raise invalid(problems)
    return records


def _json(data: dict) -> str:
    from flask import json

    return json.dumps(data)


@endpoint("POST", "/matching/offers",
          summary="Offres ouvertes à portée de profils anonymes, classées et expliquées",
          scope="matching", body=MatchingRequest, response=MatchingResponse,
          errors=(400, 415, 422),
          description="Les profils suivent le format d'échange (sans nom ni donnée sensible). "
                      "Rien n'est enregistré. Les offres sont celles que le jeton peut lire.")
def match_offers(principal: TokenPrincipal):
    started = time.perf_counter()
    typed = json_body(MatchingRequest)
    records = exchange_profiles(typed.profiles)
    poles = {insee: pole for insee, pole in db.session.execute(
        db.select(Commune.insee, Commune.pole_id).where(
            Commune.insee.in_({record.commune for record in records})))}
    by_pole = defaultdict(list)
    for record in records:
        by_pole[poles.get(record.commune)].append(record)
    visible = visible_clause(principal, "offer.view", Offer)
    answers, weights = {}, {}
    for pole_id, group in by_pole.items():
        engine = engine_for(pole_id)
        indexed = offer_pool(engine, visible)
        weights = engine.weights.to_dict()
        # one vectorised pass for the whole group, as the shortlists rank a caseload
        for result in engine.rank_all_profiles(group, indexed.pool, top=typed.top,
                                               explain=typed.explain):
            answers[result.profile_id] = _result(result, indexed.rows_by_reference, typed.explain)
    return MatchingResponse(
        results=[answers[record.id] for record in records],
        meta={"engine_version": ENGINE_VERSION, "weights": weights, "profiles": len(records),
              "seconds": round(time.perf_counter() - started, 3)},
    ).model_dump(mode="json", exclude_none=True)


def _result(result, rows: dict, explain: bool) -> dict:
    out = result.to_dict(explain=explain)
    for match in out["matches"]:
        row = rows[match["offer_id"]]
        match |= {"title": row.title, "company": row.company}
    return out | {"offers_in_reach": result.candidates - result.excluded_count,
                  "offers_excluded": result.excluded_count,
                  "exclusion_summary": result.exclusion_summary()}
