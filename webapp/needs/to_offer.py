"""Turning a hiring need into an offer of the pool, pre-filled from what the employer said."""

from dataclasses import dataclass
from datetime import date, datetime

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core.errors import Invalid
from webapp.needs.lifecycle import check_follower, mark_converted
from webapp.needs.models import HiringNeed
from webapp.needs.queue import schedule_label
from webapp.offers.editing import create_offer, creating_organisations
from webapp.offers.models import Offer
from webapp.offers.values import OfferValues


@dataclass(frozen=True)
class OfferText:
    """The part of the offer the CRE writes, pre-filled from the need."""

    title: str
    description: str
    salary: str = ""
    start_date: date | None = None
    end_date: date | None = None
    visibility: str = "territory"


def draft_text(need: HiringNeed) -> OfferText:
    """The CRE's starting point: the employer's words, the schedule and their comment."""
    lines = [
        f"Poste proposé par {need.company.name} à {need.commune.name}.",
        f"{schedule_label(need)}.",
    ]
    if need.immersion_welcome:
        lines.append("Une immersion (PMSMP) est possible avant l'embauche.")
    if need.comment:
        lines.append(f"Précisions de l'employeur : {need.comment}")
    title = need.title or need.rome.label
    return OfferText(title=title, description="\n".join(lines), start_date=need.start_date)


def offer_values(need: HiringNeed, text: OfferText) -> OfferValues:
    """The offer's values: the need's facts plus the CRE's text."""
    return OfferValues(
        title=text.title,
        rome_code=need.rome_code,
        commune_insee=need.commune_insee,
        postal_code=need.postal_code,
        contract=need.contract,
        hours_per_week=need.hours_per_week,
        night=need.night,
        weekend=need.weekend,
        early_morning=need.early_morning,
        split_shift=need.split_shift,
        start_date=text.start_date,
        end_date=text.end_date,
        positions=need.positions,
        immersion_possible=need.immersion_welcome,
        description=text.description,
        salary=text.salary,
        company_id=need.company_id,
        visibility=text.visibility,
    )


def _carrying_organisation(cre: User, need: HiringNeed) -> Organisation:
    """The CRE's organisation that carries the offer: one working in the need's pôle if any."""
    allowed = creating_organisations(cre)
    if not allowed:
        raise Invalid("Vous ne pouvez pas déposer d'offre : aucune organisation ne vous le permet.")
    in_territory = [
        m.organisation
        for m in cre.memberships
        if m.organisation in allowed and m.territory == need.pole_id
    ]
    return (in_territory or allowed)[0]


def convert_need_to_offer(
    need: HiringNeed, cre: User, text: OfferText, publish: bool, now: datetime, today: date
) -> Offer:
    """A new offer (open, or draft when not published) from the need, which closes as converted.

    Raises Invalid (field problems), NotAllowed (not the follower) or Invalid (closed need)."""
    check_follower(need, cre)
    offer = create_offer(
        cre,
        offer_values(need, text),
        organisation=_carrying_organisation(cre, need),
        status="open" if publish else "draft",
        note=f"Issue du besoin {need.reference}",
        today=today,
    )
    mark_converted(need, cre, offer, now)
    return offer
