"""Errors as `application/problem+json` (RFC 9457), in French, naming each bad field."""

from flask import Response, json

PROBLEM_TYPE = "/api/v1/docs#problemes"
TITLES = {
    400: "Requête invalide",
    401: "Authentification requise",
    403: "Droit manquant",
    404: "Ressource introuvable",
    405: "Méthode non permise",
    406: "Format de réponse non disponible",
    409: "Conflit",
    412: "La ressource a changé",
    413: "Requête trop volumineuse",
    415: "Format de requête non pris en charge",
    422: "Données refusées",
    428: "En-tête If-Match requis",
    429: "Trop de requêtes",
    500: "Erreur interne",
}
SLUGS = {400: "requete-invalide", 401: "authentification", 403: "droit-manquant",
         404: "introuvable", 405: "methode", 406: "format-reponse", 409: "conflit",
         412: "modifiee", 413: "trop-volumineuse", 415: "format-requete", 422: "donnees-refusees",
         428: "if-match-requis", 429: "trop-de-requetes", 500: "erreur-interne"}


class ApiProblem(Exception):
    """Raised anywhere under /api/v1; the blueprint turns it into a problem+json answer."""

    def __init__(self, status: int, detail: str, errors: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None, **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or {}
        self.headers = headers or {}
        self.extra = extra


def problem_body(status: int, detail: str, errors: dict[str, str] | None = None,
                 **extra) -> dict:
    body = {"type": f"{PROBLEM_TYPE}-{SLUGS.get(status, 'autre')}",
            "title": TITLES.get(status, "Erreur"), "status": status, "detail": detail}
    if errors:
        body["errors"] = [{"field": field, "detail": message} for field, message in errors.items()]
    return body | extra


def problem_response(error: ApiProblem) -> Response:
    body = problem_body(error.status, error.detail, error.errors, **error.extra)
    response = Response(json.dumps(body, ensure_ascii=False), status=error.status,
                        mimetype="application/problem+json")
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def invalid(errors: dict[str, str], status: int = 422) -> ApiProblem:
    """Field errors: the detail lists them all."""
    count = len(errors)
    detail = (f"{count} champ{'s' if count > 1 else ''} refusé{'s' if count > 1 else ''} : "
              + " ; ".join(f"{field} : {message}" for field, message in errors.items()))
    return ApiProblem(status, detail, errors)
