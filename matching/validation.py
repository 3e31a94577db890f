"""Field-by-field checks of an exchange-format record, collecting every problem in French."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

ROME_CODE_PATTERN = re.compile(r"^[A-N]\d{4}$")
INSEE_CODE_PATTERN = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class KnownCodes(Protocol):
    """What validation needs from a referential: which codes exist."""

    def has_rome(self, code: str) -> bool: ...

    def has_commune(self, insee: str) -> bool: ...


@dataclass(frozen=True)
class Problem:
    """One invalid field: its dotted path and the reason, in French."""

    field: str
    message: str


class RecordError(ValueError):
    """A record breaks the exchange format; `field`/`message` name the first problem."""

    def __init__(self, field: str, message: str, problems: tuple[Problem, ...] = ()):
        self.problems = problems or (Problem(field, message),)
        self.field = self.problems[0].field
        self.message = self.problems[0].message
        super().__init__(" ; ".join(f"champ {p.field} : {p.message}" for p in self.problems))

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> RecordError:
        """Wrap a non-empty list of problems into one error."""
        return cls(problems[0].field, problems[0].message, tuple(problems))


def shown(value: Any) -> str:
    """A received value quoted for an error message, shortened."""
    text = f"« {value} »" if isinstance(value, str) else _json_like(value)
    return text if len(text) <= 44 else text[:41] + "..."


def _json_like(value: Any) -> str:
    """A value written the way it appears in JSON (true, null, 2.5, [...])."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return repr(value)


class Fields:
    """Reads typed values out of one JSON object, recording a Problem for each bad field."""

    def __init__(self, data: Any, problems: list[Problem], prefix: str = ""):
        self.problems = problems
        self.prefix = prefix
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}

    def path(self, name: str) -> str:
        """Dotted path of a field, for messages."""
        return f"{self.prefix}{name}"

    def fail(self, name: str, message: str) -> None:
        """Record a problem on `name`."""
        self.problems.append(Problem(self.path(name), message))

    def present(self, name: str) -> bool:
        """True when the field is there and not null."""
        return self.data.get(name) is not None

    def text(self, name: str, required: bool = False) -> str | None:
        """A non-empty string (stripped), or None when absent and optional."""
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "champ obligatoire manquant")
            return None
        if not isinstance(value, str):
            self.fail(name, f"doit être un texte, reçu {shown(value)}")
            return None
        if not value.strip():
            self.fail(name, "ne doit pas être vide")
            return None
        return value.strip()

    def boolean(self, name: str) -> bool:
        """true/false; absent or null means false."""
        value = self.data.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(name, f"doit valoir true ou false, reçu {shown(value)}")
            return False
        return value

    def number(self, name: str, low: float, high: float, integer: bool = False) -> Any:
        """A number within [low, high] (an int when `integer`), or None when absent."""
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            kind = "un nombre entier" if integer else "un nombre"
            self.fail(name, f"doit être {kind}, reçu {shown(value)}")
            return None
        if integer and isinstance(value, float):
            if not value.is_integer():
                self.fail(name, f"doit être un nombre entier, reçu {shown(value)}")
                return None
            value = int(value)
        if not low <= value <= high:
            self.fail(name, f"doit être compris entre {low:g} et {high:g}, reçu {value:g}")
            return None
        return value

    def choice(self, name: str, allowed: Collection[str]) -> str | None:
        """One of `allowed`, or None when absent."""
        value = self.text(name)
        if value is not None and value not in allowed:
            self.fail(name, f"valeur « {value} » inconnue (valeurs admises : {', '.join(allowed)})")
            return None
        return value

    def day(self, name: str) -> date | None:
        """A YYYY-MM-DD date, or None when absent."""
        value = self.text(name)
        if value is None:
            return None
        try:
            if not DATE_PATTERN.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"date invalide {shown(value)} (format attendu AAAA-MM-JJ)")
            return None

    def nested(self, name: str) -> Fields:
        """The sub-object `name` (empty when absent; a problem when not an object)."""
        value = self.data.get(name)
        if value is not None and not isinstance(value, Mapping):
            self.fail(name, f"doit être un objet JSON, reçu {shown(value)}")
        return Fields(value, self.problems, f"{self.path(name)}.")

    def items(self, name: str, max_items: int) -> list[tuple[str, Any]]:
        """The list `name` as (path, element) pairs; absent or null is an empty list."""
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, f"doit être une liste, reçu {shown(value)}")
            return []
        if len(value) > max_items:
            self.fail(name, f"au plus {max_items} éléments, reçu {len(value)}")
        return [(f"{name}[{i}]", element) for i, element in enumerate(value[:max_items])]

    def rome_code(self, path: str, value: Any, known: KnownCodes | None) -> str | None:
        """Check one ROME code found at `path` (relative to this object)."""
        if not isinstance(value, str) or not ROME_CODE_PATTERN.match(value):
            self.fail(path, f"code ROME mal formé {shown(value)} "
                            "(une lettre de A à N suivie de 4 chiffres, ex. K2204)")
            return None
        if known is not None and not known.has_rome(value):
            self.fail(path, f"code ROME inconnu « {value} »")
            return None
        return value

    def commune(self, name: str, known: KnownCodes | None) -> str | None:
        """A required INSEE commune code, known to the referential when one is given."""
        value = self.data.get(name)
        if value is None:
            self.fail(name, "champ obligatoire manquant")
            return None
        if not isinstance(value, str) or not INSEE_CODE_PATTERN.match(value):
            self.fail(name, f"code commune INSEE mal formé {shown(value)} "
                            "(5 caractères, ex. 13004)")
            return None
        if known is not None and not known.has_commune(value):
            self.fail(name, f"commune inconnue « {value} »")
            return None
        return value
