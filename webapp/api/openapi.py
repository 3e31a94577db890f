"""The OpenAPI 3.1 document of /api/v1, built from the registered endpoints and the pydantic
schemas that validate them (JSON Schema 2020-12, which OpenAPI 3.1 uses as is)."""

import re
from functools import cache

from pydantic.json_schema import models_json_schema

from webapp.api.models import SCOPES
from webapp.api.problems import TITLES
from webapp.api.routes import ENDPOINTS, PREFIX, Endpoint
from webapp.api.schemas import DOCUMENTED

VERSION = "1.0.0"
FLASK_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
DESCRIPTION = """API de Passerelle, la plateforme de la task force entreprises des Bouches-du-Rhône.

Authentification : un jeton par organisation, créé par un administrateur (`/admin/jetons-api`),
envoyé en `Authorization: Bearer psl_…`. Chaque jeton porte des droits (scopes) ; un appel sans
le droit reçoit 403. Les erreurs suivent la RFC 9457 (`application/problem+json`), en français,
avec `errors` qui nomme chaque champ refusé. Les listes se parcourent avec `next_cursor`.
Limite : un nombre de requêtes par minute et par jeton (429 avec `Retry-After`).
Aucune donnée personnelle des profils de la plateforme n'est exposée."""


def _path(endpoint: Endpoint) -> tuple[str, list[dict]]:
    parameters = []
    for converter, name in FLASK_PARAMETER.findall(endpoint.path):
        schema = {"type": "integer"} if converter == "int" else {"type": "string"}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    return PREFIX + FLASK_PARAMETER.sub(r"{\2}", endpoint.path), parameters


def _query_parameters(model, schemas: dict) -> list[dict]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.get("$defs", {}).items():
        schemas.setdefault(name, definition)
    required = set(schema.get("required", ()))
    return [{"name": name, "in": "query", "required": name in required,
             "description": prop.get("description", ""),
             "schema": {k: v for k, v in prop.items() if k not in ("description", "title")}}
            for name, prop in schema["properties"].items()]


def _ref(model) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _problem(status: int) -> dict:
    return {"description": TITLES.get(status, "Erreur"),
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _operation(endpoint: Endpoint, path_parameters: list[dict], schemas: dict) -> dict:
    operation: dict = {"operationId": endpoint.name, "summary": endpoint.summary,
                       "tags": [endpoint.path.strip("/").split("/")[0]]}
    if endpoint.description:
        operation["description"] = endpoint.description
    parameters = list(path_parameters)
    if endpoint.query is not None:
        parameters += _query_parameters(endpoint.query, schemas)
    if endpoint.method == "PATCH":
        parameters.append({"name": "If-Match", "in": "header", "required": True,
                           "description": "L'ETag de la dernière lecture.",
                           "schema": {"type": "string"}})
    if parameters:
        operation["parameters"] = parameters
    if endpoint.body is not None:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _ref(endpoint.body)}}}
    success: dict = {"description": "Réussite"}
    if endpoint.response is not None:
        success["content"] = {"application/json": {"schema": _ref(endpoint.response)}}
    if endpoint.headers:
        success["headers"] = {name: {"description": text, "schema": {"type": "string"}}
                              for name, text in endpoint.headers.items()}
    responses = {str(endpoint.status): success}
    # 400: the site-wide input check (a NUL byte, an impossible integer) answers every route;
    # a body may be too big (413) or not JSON (415) wherever one is read.
    statuses = (set(endpoint.errors) | {400, 500} | ({401, 403, 429} if endpoint.scope else set())
                | ({413, 415} if endpoint.body is not None else set()))
    for status in sorted(statuses):
        responses[str(status)] = _problem(status)
    if "429" in responses:
        responses["429"]["headers"] = {"Retry-After": {
            "description": "Secondes à attendre.", "schema": {"type": "integer"}}}
    operation["responses"] = responses
    if endpoint.scope:
        operation["security"] = [{"jeton": [endpoint.scope]}]
        operation["x-scope"] = endpoint.scope
    else:
        operation["security"] = []
    return operation


@cache
def openapi_document() -> dict:
    """The whole document (built once per process: it depends on the code only)."""
    _, top = models_json_schema([(model, "validation") for model in DOCUMENTED],
                                ref_template="#/components/schemas/{model}")
    schemas = dict(top["$defs"])
    paths: dict[str, dict] = {}
    for endpoint in ENDPOINTS:
        path, parameters = _path(endpoint)
        paths.setdefault(path, {})[endpoint.method.lower()] = _operation(endpoint, parameters, schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "API Passerelle", "version": VERSION, "description": DESCRIPTION,
                 "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"}},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"jeton": {
                "type": "http", "scheme": "bearer",
                "description": "Jeton d'organisation ; droits : " + ", ".join(
                    f"`{scope}` ({label})" for scope, label in SCOPES.items())}},
        },
    }
