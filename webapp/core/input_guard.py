"""One check of every request's input before any view: no NUL byte (PostgreSQL refuses it in
text) and no integer id, version or number beyond what the database columns hold."""

import logging
import re

from flask import Flask, request
from werkzeug.exceptions import BadRequest

from webapp.core.converters import MAX_INT

logger = logging.getLogger(__name__)

ID_LIKE = re.compile(r"(^|_)(id|ids)$")
# Form fields and query arguments that hold an integer without being named *_id.
INTEGER_KEYS = frozenset({
    "page", "version", "rayon", "organisation", "jours", "lead", "territoire", "entreprise",
    "expire", "weekday", "sample_offer", "positions", "positions_filled", "need_positions",
    "experience_months", "max_minutes", "days_attended", "max_employers_per_profile",
    "max_cards_per_employer_week", "availability", "hours", "job", "reach",
})
INTEGER = re.compile(r"[+-]?\d+")
EMPTY_CHOICES = ("", "None")


class RefusedInput(BadRequest):
    """A 400 whose French message names the field; rendered by core/error_pages.py."""

    french = True

    def __init__(self, message: str):
        super().__init__(description=message)


def is_integer_key(key: str) -> bool:
    """True for a parameter that must hold an integer (`version`, `targets-0-experience_months`)."""
    name = key.rsplit("-", 1)[-1]
    return name in INTEGER_KEYS or bool(ID_LIKE.search(name))


def integer_problem(key: str, value: str) -> str | None:
    """Why `value` cannot be the integer `key` holds, in French, or None."""
    text = value.strip()
    if text in EMPTY_CHOICES:
        return None
    if not INTEGER.fullmatch(text):
        return f"Le champ « {key} » attend un nombre entier."
    if abs(int(text)) > MAX_INT:
        return f"Le champ « {key} » attend un nombre entier plus petit ; la valeur envoyée est trop grande."
    return None


def check_request_input() -> None:
    """The before_request hook: answer 400 (French page) on a NUL byte or an impossible integer."""
    sources = [request.args]
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        sources += [request.form]
    for source in sources:
        for key, value in source.items(multi=True):
            if "\x00" in key or "\x00" in value:
                logger.info("Refused a NUL byte in %s on %s", key.replace("\x00", ""), request.path)
                raise RefusedInput(f"Le champ « {key.replace(chr(0), '')} » contient un caractère "
                                   "interdit (caractère nul). Retapez-le sans copier-coller.")
            if is_integer_key(key) and (problem := integer_problem(key, value)):
                logger.info("Refused %s on %s: %s", key, request.path, problem)
                raise RefusedInput(problem)
    for upload in request.files.values() if request.files else ():
        if upload.filename and "\x00" in upload.filename:
            raise RefusedInput("Le nom du fichier contient un caractère interdit (caractère nul).")


def init_app(app: Flask) -> None:
    """Wire the hook."""
    app.before_request(check_request_input)
