"""Reading an import file (path, binary or text stream) as UTF-8 text or JSON, in French errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

from ingestion.report import ImportFileError

Source = str | os.PathLike[str] | IO[bytes] | IO[str]

# Exchange records nest 3 or 4 levels deep; far deeper is an attack or a broken export.
MAX_JSON_DEPTH = 20
UTF8_HINT = "enregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 (délimité par des virgules) »)"


def read_source(source: Source) -> tuple[bytes | str, str]:
    """The whole content of a path or an open file, and its name; a French ImportFileError
    when the file cannot be read."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except FileNotFoundError:
            raise ImportFileError("fichier introuvable") from None
        except IsADirectoryError:
            raise ImportFileError("c'est un dossier, pas un fichier") from None
        except PermissionError:
            raise ImportFileError("lecture refusée (droits insuffisants)") from None
        except OSError as error:
            raise ImportFileError(f"lecture impossible ({error.strerror})") from None
    name = getattr(source, "filename", None) or getattr(source, "name", None) or ""
    return source.read(), str(name)


def read_text(source: Source) -> str:
    """The whole source as text, decoded from UTF-8 (a leading BOM is dropped)."""
    raw, _ = read_source(source)
    if isinstance(raw, str):
        return _without_nul(raw.removeprefix("\ufeff"))
    try:
        return _without_nul(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"le fichier n'est pas encodé en UTF-8 (caractère illisible ligne {line}) : "
            + UTF8_HINT
        ) from None


def _without_nul(text: str) -> str:
    """The text, refused when it holds a NUL character (no database text column takes it)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(f"caractère nul ligne {line} : ce n'est pas un fichier texte")
    return text


def json_depth_problem(document: Any) -> str | None:
    """A French message when `document` nests deeper than MAX_JSON_DEPTH, else None."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            return f"JSON trop imbriqué (plus de {MAX_JSON_DEPTH} niveaux) : fichier refusé"
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return None


def read_json(source: Source) -> Any:
    """The source parsed as JSON."""
    text = read_text(source)
    if not text.strip():
        raise ImportFileError("le fichier est vide")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"JSON invalide ligne {error.lineno}, colonne {error.colno} : "
            "vérifiez les virgules, guillemets et accolades à cet endroit"
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"JSON trop imbriqué (plus de {MAX_JSON_DEPTH} niveaux) : fichier refusé") from None
    if problem := json_depth_problem(document):
        raise ImportFileError(problem)
    return document


def json_records(document: Any, key: str) -> list[Any]:
    """The list of records of a JSON document: `{key: [...]}` or a bare list."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get(key), list):
        return document[key]
    raise ImportFileError(
        f"structure JSON inattendue : un objet {{\"{key}\": [...]}} ou une liste est attendu"
    )
