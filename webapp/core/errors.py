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
    pass


class Invalid(DomainError):
    pass
