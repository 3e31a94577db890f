"""The "immersions" block of a company page: the immersions hosted there that the user may see."""

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.companies.directory import CompanySection
from webapp.companies.models import Company
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.immersions.followup import row_of
from webapp.immersions.models import Immersion
from webapp.profiles.shown import log_shown

MAX_ROWS = 50


def immersions_section(user: User, company: Company) -> CompanySection | None:
    """Newest first; the host employer sees people pseudonymously until the convention."""
    if not may(user, "immersion.view"):
        return None
    immersions = db.session.scalars(
        select(Immersion).where(Immersion.company_id == company.id,
                                visible_clause(user, "immersion.view", Immersion))
        .order_by(Immersion.start_date.desc(), Immersion.id.desc()).limit(MAX_ROWS)
    ).all()
    if not immersions and not company.welcomes_immersion:
        return None
    rows = [row_of(immersion, user) for immersion in immersions]
    log_shown(user, [row.shown_profile_id for row in rows], "list")
    return CompanySection("Immersions (PMSMP)", "immersions/_company_immersions.html",
                          {"rows": rows, "welcomes": company.welcomes_immersion})
