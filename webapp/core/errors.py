"""Domain errors raised by services; views put them on forms or flash them."""

from collections.abc import Iterable, Mapping

FORM = ""  # the key of a problem that concerns the form as a whole, not one field


class DomainError(Exception):
    """Base of the errors a service raises, with a French message for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    pass


class Conflict(DomainError):
    """Someone else changed the record meanwhile (or a warning to confirm); `changes` lists what
    the other person changed, when the record keeps a history (webapp/core/concurrency.py)."""

    def __init__(self, message: str, field: str | None = None, changes: list | None = None):
        super().__init__(message)
        self.field = field  # the field a warning to confirm is about, if any
        self.changes = changes or []


class Invalid(DomainError):
    """Refused input: `problems` maps each form field to its French message (`FORM`, the empty
    key, for the form as a whole); `message`, the general message, says them all.

    `Invalid("Date : indiquez-la.", "on")` is one problem; `Invalid({"on": ..., "title": ...})`
    or a list of (field, message) pairs reports several at once (two on one field are joined).
    """

    def __init__(self, problems: str | Mapping[str, str] | Iterable[tuple[str, str]],
                 field: str | None = None, *, message: str | None = None):
        if isinstance(problems, str):
            problems = {field or FORM: problems}
        pairs = problems.items() if isinstance(problems, Mapping) else problems
        merged: dict[str, str] = {}
        for name, text in pairs:
            merged[name] = f"{merged[name]} {text}" if name in merged else text
        if not merged:
            raise ValueError("Invalid needs at least one problem")
        super().__init__(message or " ".join(merged.values()))
        self.problems = merged
