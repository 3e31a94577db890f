"""What a user can do from a ranked candidate of an offer: prepare a promotion card for that
offer, propose an immersion first. Decided here, shown by templates/shortlists/_cards.html."""

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

from flask import url_for
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile


@dataclass(frozen=True)
class CardAction:
    """A button on each card of a ranked list: `arg` receives the card's record id."""

    endpoint: str
    args: dict
    arg: str
    label: str
    only: Collection[int] | None = None  # the record ids it applies to (None: every card)

    def applies_to(self, record_id: int) -> bool:
        return self.only is None or record_id in self.only

    def url(self, record_id: int) -> str:
        """The button's link for one card, the same as `url_for(endpoint, **args, arg=id)`:
        the URL is built once per list around a placeholder id, then the card's id put in."""
        before, after = self._url_around_id
        return f"{before}{int(record_id)}{after}"

    @cached_property
    def _url_around_id(self) -> tuple[str, str]:
        before, _, after = url_for(self.endpoint, **self.args, **{self.arg: _PLACEHOLDER_ID}).partition(
            str(_PLACEHOLDER_ID))
        return before, after


_PLACEHOLDER_ID = 9_876_543_210_123  # no record has it: only marks where a card's id goes


def promotable_ids(user: User, profile_ids: list[int]) -> set[int]:
    """The profiles among these that the user may promote to an employer."""
    if not profile_ids or not may(user, "profile.promote"):
        return set()
    return set(db.session.scalars(select(Profile.id).where(
        Profile.id.in_(profile_ids), visible_clause(user, "profile.promote", Profile))))


def candidate_actions(user: User, offer: Offer, profile_ids: list[int]) -> list[CardAction]:
    """The actions on an offer's candidates: a card for this offer, an immersion first."""
    actions = []
    if offer.company_id and offer.status == "open":
        promotable = promotable_ids(user, profile_ids)
        if promotable:
            actions.append(CardAction("promotions.new", {"offre": offer.id}, "profile_id",
                                      "Préparer une carte", promotable))
    if offer.company_id and may(user, "immersion.create"):
        actions.append(CardAction("immersions.new", {"offer_id": offer.id}, "profile_id",
                                  "Proposer une immersion d'abord"))
    return actions


def immersion_actions(user: User, profile: Profile, arg: str) -> list[CardAction]:
    """On what is within a person's reach (offers or host companies, `arg`): an immersion."""
    if not may(user, "immersion.create"):
        return []
    return [CardAction("immersions.new", {"profile_id": profile.id}, arg, "Proposer une immersion")]
