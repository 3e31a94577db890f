"""Reference data through the API: communes, ROME codes and titles, NAF codes."""

from sqlalchemy import and_, or_, select

from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem
from webapp.api.routes import endpoint
from webapp.api.schemas.reference import (
    CommuneOut,
    CommunePage,
    CommuneQuery,
    NafOut,
    NafPage,
    NafQuery,
    RomeOut,
    RomePage,
    RomeQuery,
)
from webapp.api.validation import paged, query
from webapp.extensions import db
from webapp.reference.jobs import suggest_jobs
from webapp.reference.models import Commune, Naf, RomeCode
from webapp.reference.places import suggest_places

SEARCH_LIMIT = 20


def commune_out(commune: Commune) -> dict:
    return CommuneOut(insee=commune.insee, name=commune.name, display_name=commune.display_name,
                      kind=commune.kind, departement=commune.departement,
                      postal_codes=commune.postal_codes.split(), population=commune.population,
                      lat=commune.lat, lon=commune.lon,
                      pole=commune.pole.name if commune.pole else None).model_dump(mode="json")


def _page(params, statement, shown) -> dict:
    return paged(params, statement, shown)


@endpoint("GET", "/reference/communes", summary="Communes (recherche par nom ou code postal)",
          scope="reference:read", query=CommuneQuery, response=CommunePage, errors=(400,),
          description="Avec `q`, les meilleures correspondances (une seule page) ; sans `q`, "
                      "toutes les communes, page par page.")
def list_communes(principal: TokenPrincipal):
    params = query(CommuneQuery)
    if params.q.strip():
        found = [db.session.get(Commune, s.insee) for s in suggest_places(params.q, SEARCH_LIMIT)]
        found = [c for c in found if not params.departement or c.departement == params.departement]
        return {"items": [commune_out(c) for c in found[:params.page_size]], "next_cursor": None}
    statement = select(Commune).order_by(Commune.insee)
    if params.departement:
        statement = statement.where(Commune.departement == params.departement)
    return _page(params, statement, commune_out)


@endpoint("GET", "/reference/communes/<insee>", summary="Une commune", scope="reference:read",
          response=CommuneOut, errors=(404,))
def get_commune(principal: TokenPrincipal, insee: str):
    commune = db.session.get(Commune, insee)
    if commune is None:
        raise ApiProblem(404, f"Commune « {insee} » inconnue (code INSEE attendu).")
    return commune_out(commune)


@endpoint("GET", "/reference/rome", summary="Codes ROME (recherche par intitulé de métier)",
          scope="reference:read", query=RomeQuery, response=RomePage, errors=(400,),
          description="Avec `q`, les codes les plus proches d'un intitulé (« aide à domicile »), "
                      "avec leur score ; sans `q`, tout le référentiel, page par page.")
def list_rome(principal: TokenPrincipal):
    params = query(RomeQuery)
    if params.q.strip():
        found = suggest_jobs(params.q, limit=min(params.page_size, SEARCH_LIMIT))
        return {"items": [RomeOut(code=s.code, label=s.term, score=s.score).model_dump(mode="json")
                          for s in found], "next_cursor": None}
    return _page(params, select(RomeCode).order_by(RomeCode.code),
                 lambda rome: RomeOut(code=rome.code, label=rome.label).model_dump(mode="json"))


@endpoint("GET", "/reference/rome/<code>", summary="Un code ROME", scope="reference:read",
          response=RomeOut, errors=(404,))
def get_rome(principal: TokenPrincipal, code: str):
    rome = db.session.get(RomeCode, code.upper())
    if rome is None:
        raise ApiProblem(404, f"Code ROME « {code} » inconnu.")
    return RomeOut(code=rome.code, label=rome.label).model_dump(mode="json")


@endpoint("GET", "/reference/naf", summary="Codes NAF (activités)", scope="reference:read",
          query=NafQuery, response=NafPage, errors=(400,))
def list_naf(principal: TokenPrincipal):
    params = query(NafQuery)
    statement = select(Naf).order_by(Naf.code)
    if text := params.q.strip():
        statement = statement.where(or_(
            Naf.code.startswith(text.upper(), autoescape=True),
            and_(*[Naf.label.icontains(word, autoescape=True) for word in text.split()])))
    return _page(params, statement, lambda naf: NafOut(code=naf.code, label=naf.label).model_dump(mode="json"))
