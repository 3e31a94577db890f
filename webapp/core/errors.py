"""Domain errors raised by services; views map them onto fields or messages."""


class DomainError(Exception):
    """Base of the errors a service raises, with a French message for people."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    pass


class Conflict(DomainError):
    """Someone else changed the record meanwhile (or a warning to confirm); `changes` lists what
    the other person changed, when the record keeps a history (webapp/core/concurrency.py)."""

    def __init__(self, message: str, field: str | None = None, changes: list | None = None):
        super().__init__(message, field)
        self.changes = changes or []


class Invalid(DomainError):
    pass
