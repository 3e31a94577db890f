"""The /api/v1 blueprint: token check, scopes, rate limit, call log, problem+json errors.

What a call carries (its token, its rate verdict) is kept on the request object, not on `g`,
which lives as long as the app context and may outlive one request.

Views are declared with `endpoint()`, which registers the route and records what the OpenAPI
document says of it (webapp/api/openapi.py). No cookie is read: a logged-in browser calling
/api/v1 is anonymous here. No CORS header is sent."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, current_app, request
from pydantic import BaseModel
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound, RequestEntityTooLarge

from webapp.api import ratelimit
from webapp.api.models import ApiCall
from webapp.api.principal import TokenPrincipal
from webapp.api.problems import ApiProblem, problem_response
from webapp.api.tokens import TokenRefused, authenticate
from webapp.core import clock
from webapp.extensions import csrf, db

logger = logging.getLogger(__name__)

PREFIX = "/api/v1"
blueprint = Blueprint("api", __name__)


@dataclass(frozen=True)
class Endpoint:
    """What the OpenAPI document says of one route."""

    method: str
    path: str  # Flask's form: /offers/<reference>
    name: str
    summary: str
    scope: str | None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    description: str = ""


ENDPOINTS: list[Endpoint] = []


def endpoint(method: str, path: str, *, summary: str, scope: str | None, **documented) -> Callable:
    """Register an API view at PREFIX + path, guarded by `scope` (None: no token needed)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(**kwargs):
            if scope is not None:
                principal = current_principal()
                if scope not in request.api_token.scopes:
                    raise ApiProblem(403, f"Ce jeton n'a pas le droit « {scope} ».")
                return view(principal, **kwargs)
            return view(**kwargs)

        guarded = csrf.exempt(guarded)
        blueprint.add_url_rule(PREFIX + path, view.__name__, guarded, methods=[method])
        ENDPOINTS.append(Endpoint(method, path, view.__name__, summary, scope, **documented))
        return guarded

    return decorator


def current_principal() -> TokenPrincipal:
    """The token of this call, checked (401 otherwise) and counted (429 past the limit)."""
    if getattr(request, "api_principal", None) is not None:
        return request.api_principal
    try:
        token = authenticate(request.headers.get("Authorization"), clock.now())
    except TokenRefused as refused:
        raise ApiProblem(401, refused.detail, headers={"WWW-Authenticate": 'Bearer realm="api"'}) from None
    request.api_token = token
    verdict = ratelimit.check(current_app._get_current_object(), f"token-{token.id}", time.time())
    request.api_rate = verdict
    if not verdict.allowed:
        raise ApiProblem(429, f"Plus de {verdict.limit} requêtes dans la minute pour ce jeton : "
                              f"réessayez dans {verdict.retry_after} s.",
                         headers={"Retry-After": str(verdict.retry_after)})
    request.api_principal = TokenPrincipal.of(token)
    return request.api_principal


def _is_api_request() -> bool:
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


@blueprint.before_app_request
def _start_clock():
    if _is_api_request():
        request.api_started = time.perf_counter()
        if "\x00" in request.path:  # PostgreSQL refuses it in text; the site's check skips paths
            raise ApiProblem(400, "L'adresse contient un caractère interdit (caractère nul).")


@blueprint.after_app_request
def _log_call(response):
    """Every API call leaves a row: token (when known), method, path, status, when."""
    if not _is_api_request() or request.path.startswith(PREFIX + "/docs"):
        return response
    token = getattr(request, "api_token", None)
    rate = getattr(request, "api_rate", None)
    if rate is not None:
        response.headers["RateLimit-Limit"] = str(rate.limit)
        response.headers["RateLimit-Remaining"] = str(rate.remaining)
    response.headers.setdefault("Cache-Control", "no-store")
    started = getattr(request, "api_started", time.perf_counter())
    try:
        if db.session.is_active is False:
            db.session.rollback()
        now = clock.now()
        db.session.add(ApiCall(token_id=token.id if token else None, method=request.method,
                               path=request.full_path.rstrip("?")[:300],
                               status=response.status_code, at=now,
                               duration_ms=round((time.perf_counter() - started) * 1000)))
        if token is not None:
            token.last_used_at = now
        db.session.commit()
    except Exception:
        db.session.rollback()
        logger.exception("API call not logged")
    return response


@blueprint.errorhandler(ApiProblem)
def _problem(error: ApiProblem):
    db.session.rollback()  # nothing half-written
    if error.status in (401, 403, 429):
        logger.info("API refusal %s on %s %s: %s", error.status, request.method, request.path,
                    error.detail)
    return problem_response(error)


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    db.session.rollback()
    return problem_response(ApiProblem(error.code or 500, _french(error)))


@blueprint.errorhandler(Exception)
def _crash(error: Exception):
    db.session.rollback()
    logger.exception("API error on %s %s", request.method, request.path)
    return problem_response(ApiProblem(500, "Erreur interne : rien n'a été enregistré. "
                                            "L'équipe technique a été prévenue."))


# The site answers these statuses with French pages (core/error_pages.py), and a handler
# registered for a status wins over one for every HTTPException: under /api/v1 they are
# problems too (the app-wide input check's 400 included).
for _status in (400, 403, 404, 405, 413, 500):
    blueprint.register_error_handler(_status, _http_error)


def _french(error: HTTPException) -> str:
    if getattr(error, "french", False) and error.description:
        return error.description  # already a French sentence naming the field
    if isinstance(error, NotFound):
        return "Ressource introuvable."
    if isinstance(error, MethodNotAllowed):
        return "Méthode non permise pour cette adresse."
    if isinstance(error, RequestEntityTooLarge):
        return "Requête trop volumineuse."
    if (error.code or 500) >= 500:
        return "Erreur interne : rien n'a été enregistré. L'équipe technique a été prévenue."
    return "Requête refusée."


@blueprint.route(PREFIX + "/", defaults={"rest": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@blueprint.route(PREFIX + "/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@csrf.exempt
def unknown(rest: str):
    """Any other address under /api/v1: a problem, not the site's HTML 404 page."""
    adapter = current_app.url_map.bind("")
    allowed = []
    for method in ("GET", "POST", "PATCH", "PUT", "DELETE"):
        try:
            endpoint_name, _ = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint_name != "api.unknown":
            allowed.append(method)
    if allowed:
        raise ApiProblem(405, f"Méthode {request.method} non permise ici : {', '.join(allowed)}.",
                         headers={"Allow": ", ".join(allowed)})
    raise ApiProblem(404, "Adresse inconnue de l'API : voir /api/v1/openapi.json.")
