"""The "hiring needs" block of a company page in the directory."""

from flask import url_for
from sqlalchemy import or_, select

from webapp.accounts.models import User
from webapp.companies.directory import CompanySection
from webapp.companies.models import Company
from webapp.core.permissions import may, visible_clause
from webapp.extensions import db
from webapp.needs.models import HiringNeed
from webapp.needs.queue import status_badge


def hiring_needs_section(user: User, company: Company) -> CompanySection | None:
    """The company's needs the user may see, newest first, each with its status and a link."""
    staff, employer = may(user, "need.queue"), may(user, "need.view")
    if not (staff or employer):
        return None
    reach = or_(
        *([visible_clause(user, "need.queue", HiringNeed)] if staff else []),
        *([visible_clause(user, "need.view", HiringNeed)] if employer else []),
    )
    needs = db.session.scalars(
        select(HiringNeed)
        .where(HiringNeed.company_id == company.id, reach)
        .order_by(HiringNeed.created_at.desc())
        .limit(50)
    ).all()
    endpoint = "needs.detail" if staff else "employer_space.need"
    rows = [
        (need, status_badge(need, for_employer=not staff), url_for(endpoint, need_id=need.id))
        for need in needs
    ]
    return CompanySection("Besoins de recrutement", "needs/_company_needs.html", {"rows": rows})
