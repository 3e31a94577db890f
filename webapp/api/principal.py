"""Who acts when a token calls: its organisation, through the permission table.

A token acts as a chargé de relations entreprises of its organisation would: it sees the
département's shared offers, its organisation's and the directory, and creates and edits its
organisation's offers.
It is nobody in particular (`id` None), so it never reaches a person's record (the OWN and
SHARED scopes of the table need a user id) and its offer edits are signed "Passerelle"."""

from dataclasses import dataclass

from webapp.accounts.organisation_models import Organisation
from webapp.api.models import ApiToken

ACTING_ROLE = "cre"


@dataclass(frozen=True)
class TokenMembership:
    """The one role a token holds, shaped like accounts.models.Membership for the table."""

    role: str
    organisation: Organisation
    organisation_id: int
    pole_id: int | None = None

    @property
    def territory(self) -> int | None:
        """As a membership's: its own pôle, else its organisation's (None: the département)."""
        return self.pole_id or self.organisation.pole_id


@dataclass(frozen=True)
class TokenPrincipal:
    """What the permission table and the services see of a token."""

    token_id: int
    organisation: Organisation
    memberships: tuple[TokenMembership, ...]
    id: None = None
    is_authenticated: bool = True
    display_name: str = "API"

    @classmethod
    def of(cls, token: ApiToken) -> "TokenPrincipal":
        membership = TokenMembership(ACTING_ROLE, token.organisation, token.organisation_id)
        return cls(token.id, token.organisation, (membership,),
                   display_name=f"API – {token.name}")

    @property
    def roles(self) -> set[str]:
        return {ACTING_ROLE}

    @property
    def organisation_ids(self) -> set[int]:
        return {self.organisation.id}
