"""The "profils présentés" block of a company page: the cards sent to it (never a name)."""

from flask import url_for
from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.directory import CompanySection
from webapp.companies.models import Company
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion
from webapp.promotions.pages import EMPLOYER_STATUS

SHOWN = 50


def presented_profiles_section(user: User, company: Company) -> CompanySection | None:
    """Cards sent to the company that the user may follow, newest first, with their step."""
    if not may(user, "promotion.view"):
        return None
    staff = may(user, "promotion.follow")  # professionals; employers see only consented cards
    promotions = db.session.scalars(
        select(Promotion)
        .join(Profile)
        .where(
            Promotion.company_id == company.id,
            Promotion.sent_at.is_not(None),
            visible_clause(user, "promotion.view", Promotion),
            *([] if staff else [Profile.consent_promotion.is_(True)]),  # as in the employer's space
        )
        .order_by(Promotion.sent_at.desc(), Promotion.id.desc())
        .limit(SHOWN)
    ).all()
    if not promotions:
        return None
    rows = [
        (
            p.reference,
            p.job_label,
            p.sent_at,
            p.status_label if staff else EMPLOYER_STATUS[p.status],
            url_for("promotions.detail" if staff else "employer_space.card", promotion_id=p.id),
        )
        for p in promotions
    ]
    return CompanySection("Profils présentés", "promotions/_company_section.html", {"rows": rows})
