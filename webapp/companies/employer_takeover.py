"""A self-registration for a company that already has employer accounts could be someone
taking the company over: it opens only with the approval of one of those account holders, or
of a CRE who saw the existing accounts and confirmed explicitly. The CRE is also told what the
new account will be able to see, read from the permission table."""

from sqlalchemy import select

from webapp.accounts.models import Membership, User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core.errors import Invalid
from webapp.core.permissions import COMPANY, PERMISSIONS
from webapp.extensions import db

# What each employer right of the permission table lets a person see or do, in French.
EMPLOYER_RIGHTS: dict[str, str] = {
    "company.view": "la fiche de l'entreprise dans l'annuaire",
    "offer.view": "les offres d'emploi de l'entreprise",
    "need.view": "les besoins de recrutement de l'entreprise et les échanges avec la CRE",
    "need.create": "déposer des besoins de recrutement au nom de l'entreprise",
    "immersion.view": "les immersions (PMSMP) accueillies, avec le nom des personnes accueillies",
    "immersion.advance": "faire avancer ces immersions (accord, dates, bilan)",
    "promotion.view": "les profils de candidats proposés à l'entreprise (cartes anonymisées)",
    "promotion.answer": "répondre à ces propositions de profils",
    "registration.approve": "accepter ou refuser les nouvelles demandes de compte pour l'entreprise",
}


def employer_rights() -> list[str]:
    """What an employer account sees and does for its company, from the permission table."""
    return [
        EMPLOYER_RIGHTS.get(action, action)
        for (role, action), scope in PERMISSIONS.items()
        if role == "employer" and scope == COMPANY
    ]


def existing_accounts(company: Company, excluding: User | None = None) -> list[User]:
    """The active employer accounts of the company (the person asking left out)."""
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Organisation.company_id == company.id,
            Membership.role == "employer",
            User.active.is_(True),
        )
        .order_by(User.display_name)
    )
    if excluding is not None and excluding.id is not None:
        query = query.where(User.id != excluding.id)
    return list(db.session.scalars(query).unique())


def check_takeover(company: Company, newcomer: User, confirmed: bool) -> None:
    """Invalid when the company already has accounts and the CRE did not confirm."""
    holders = existing_accounts(company, excluding=newcomer)
    if holders and not confirmed:
        names = ", ".join(f"{user.display_name} ({user.email})" for user in holders)
        raise Invalid(
            f"{company.name} a déjà des comptes employeurs : {names}. Vérifiez auprès d'eux que "
            "cette personne fait partie de l'entreprise, puis cochez la confirmation ; ils peuvent "
            "aussi accepter la demande eux-mêmes depuis leur espace.",
            "confirm_existing",
        )
