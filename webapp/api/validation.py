"""Reading a request: the JSON body and the query string through the schemas, every problem
named by its field, in French; and the opaque cursors of the paginated lists."""

import hashlib
import json
from typing import TypeVar

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import BaseModel, ValidationError

from webapp.api.problems import ApiProblem, invalid
from webapp.extensions import db

Model = TypeVar("Model", bound=BaseModel)
MAX_BODY_BYTES = 2_000_000

MESSAGES = {
    "missing": "champ obligatoire",
    "extra_forbidden": "champ inconnu",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier",
    "float_type": "doit être un nombre",
    "float_parsing": "doit être un nombre",
    "finite_number": "doit être un nombre fini",
    "bool_type": "doit valoir true ou false",
    "bool_parsing": "doit valoir true ou false",
    "string_type": "doit être une chaîne de caractères",
    "date_type": "doit être une date AAAA-MM-JJ",
    "date_parsing": "doit être une date AAAA-MM-JJ",
    "date_from_datetime_parsing": "doit être une date AAAA-MM-JJ",
    "date_from_datetime_inexact": "doit être une date AAAA-MM-JJ",
    "model_type": "doit être un objet JSON",
    "model_attributes_type": "doit être un objet JSON",
    "dict_type": "doit être un objet JSON",
    "list_type": "doit être une liste",
    "json_invalid": "JSON invalide",
}


def field_path(location: tuple) -> str:
    """("schedule", "night") -> schedule.night; ("profiles", 2, "commune") -> profiles[2].commune."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(corps)"


def french(error: dict) -> str:
    """A pydantic error as a French message."""
    kind, context = error["type"], error.get("ctx", {})
    if kind in MESSAGES:
        return MESSAGES[kind]
    if kind == "literal_error":
        return f"valeur non permise : attendu {context.get('expected', '').replace(' or ', ' ou ')}"
    if kind == "string_too_long":
        return f"{context.get('max_length')} caractères au plus"
    if kind == "string_too_short":
        return "ne doit pas être vide"
    if kind == "string_pattern_mismatch":
        return "format invalide"
    if kind in ("too_long", "too_short"):
        return (f"entre {context.get('min_length', 0)} et {context.get('max_length', '…')} "
                "éléments" if "max_length" in context else "trop peu d'éléments")
    if kind in ("greater_than_equal", "greater_than"):
        return f"doit être supérieur ou égal à {context.get('ge', context.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"doit être inférieur ou égal à {context.get('le', context.get('lt'))}"
    return "valeur invalide"


def problems_of(error: ValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in error.errors(include_url=False):
        location = tuple(part for part in item["loc"] if not _is_union_tag(part))
        found.setdefault(field_path(location), french(item))
    return found


def _is_union_tag(part) -> bool:
    # pydantic names the branch of a union it tried (`literal['']`, `str`, `int`…): not a field
    return isinstance(part, str) and (part.startswith(("literal[", "function-")) or part in
                                      ("str", "int", "float", "bool", "date", "none"))


def json_body(model: type[Model]) -> Model:
    """The request's JSON body, validated; 415/400/422 problems otherwise."""
    if request.mimetype not in ("application/json", "application/merge-patch+json"):
        raise ApiProblem(415, "Envoyez un corps JSON avec l'en-tête « Content-Type: application/json ».")
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise ApiProblem(413, f"Le corps dépasse {MAX_BODY_BYTES // 1_000_000} Mo.")
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiProblem(400, "Le corps de la requête n'est pas du JSON valide.") from None
    if not isinstance(data, dict):
        raise ApiProblem(400, "Le corps de la requête doit être un objet JSON ({…}).")
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        raise invalid(problems_of(error)) from None


def query(model: type[Model]) -> Model:
    """The query string, validated: an unknown or malformed parameter is a 400 problem."""
    values = {}
    for name in request.args:
        given = request.args.getlist(name)
        if len(given) > 1:
            raise invalid({name: "paramètre répété"}, status=400)
        values[name] = given[0]
    try:
        return model.model_validate(values)
    except ValidationError as error:
        problems = {name: ("paramètre inconnu" if message == "champ inconnu" else message)
                    for name, message in problems_of(error).items()}
        raise invalid(problems, status=400) from None


# --- cursors --------------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="api-cursor")


def _search_key(params: BaseModel) -> str:
    """What identifies a search: every parameter but the cursor and the page size."""
    described = params.model_dump(mode="json", exclude={"cursor", "page_size"})
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]


def offset_of(params: BaseModel) -> int:
    """Where the page starts: 0, or what the cursor says (for the same search only)."""
    cursor = getattr(params, "cursor", None)
    if not cursor:
        return 0
    try:
        state = _serializer().loads(cursor)
        if state["k"] != _search_key(params):
            raise KeyError
        return int(state["o"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise invalid({"cursor": "curseur invalide, ou issu d'une autre recherche"},
                      status=400) from None


def next_cursor(params: BaseModel, offset: int, more: bool) -> str | None:
    """The cursor of the page after the one starting at `offset`, or None at the end."""
    if not more:
        return None
    return _serializer().dumps({"o": offset + params.page_size, "k": _search_key(params)})


def paged(params: BaseModel, statement, shown) -> dict:
    """One page of `statement` (ordered) as `{"items": [shown(row)…], "next_cursor": …}`."""
    offset = offset_of(params)
    rows = list(db.session.scalars(statement.limit(params.page_size + 1).offset(offset)).unique())
    return {"items": [shown(row) for row in rows[:params.page_size]],
            "next_cursor": next_cursor(params, offset, len(rows) > params.page_size)}
