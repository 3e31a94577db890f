"""Error answers in French, as a page or, for htmx, as a fragment; they render even when the
database session is broken (rolled back first) and fall back to plain HTML if rendering fails."""

import logging
from urllib.parse import urlsplit

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from webapp.core.htmx import is_fragment_request

logger = logging.getLogger(__name__)

CSRF_MESSAGE = ("Le formulaire a expiré ou son jeton de sécurité manque : rien n'a été "
                "enregistré. Revenez à la page précédente, rechargez-la et renvoyez vos informations.")
TITLES = {
    400: "Saisie refusée", 403: "Accès refusé", 404: "Page introuvable",
    405: "Action impossible", 413: "Envoi trop volumineux", 500: "Une erreur est survenue",
}
MESSAGES = {
    400: "La demande envoyée n'a pas pu être lue. Revenez à la page précédente et réessayez.",
    405: "Cette adresse ne permet pas cette action.",
    413: "Le fichier ou le formulaire envoyé dépasse la taille autorisée ({limit}). "
         "Envoyez un fichier plus petit.",
}
# The pages of their own in templates/errors/; the others share errors/refused.html.
OWN_PAGES = (403, 404, 500)


def _rollback() -> None:
    from webapp.extensions import db

    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone: the page must render anyway
        logger.exception("Rollback failed while answering an error")


def _back_url() -> str | None:
    """The page the person came from, when it is one of ours (never an open redirect)."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if referrer and parts.netloc == request.host and parts.scheme in ("http", "https"):
        return referrer
    return None


def _message(code: int, error: Exception) -> str:
    if isinstance(error, CSRFError):
        return CSRF_MESSAGE
    if code == 413:
        limit = request.max_content_length or 0
        return MESSAGES[413].format(limit=f"{limit // (1024 * 1024)} Mo")
    description = getattr(error, "description", "") or ""
    return description if getattr(error, "french", False) else MESSAGES.get(code, "")


def render_error(error: Exception):
    """The one error handler: French page or htmx fragment, with the right status."""
    _rollback()
    code = error.code if isinstance(error, HTTPException) and error.code else 500
    title = "Formulaire expiré" if isinstance(error, CSRFError) else TITLES.get(code, TITLES[500])
    context = {"title": title, "message": _message(code, error), "back_url": _back_url()}
    try:
        if is_fragment_request():
            return render_template("errors/_fragment.html", **context), code
        template = f"errors/{code}.html" if code in OWN_PAGES else "errors/refused.html"
        return render_template(template, **context), code
    except Exception:
        logger.exception("The error page %s could not be rendered", code)
        _rollback()
        return (f'<!doctype html><html lang="fr"><meta charset="utf-8"><title>{escape(title)}</title>'
                f"<h1>{escape(title)}</h1><p>{escape(context['message'])}</p>"
                '<p><a href="/">Revenir à l\'accueil</a></p></html>'), code


def init_app(app: Flask) -> None:
    """Register the handler for every error status the site answers with."""
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
