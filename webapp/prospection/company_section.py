"""The "prospection" block of a company page: who follows it, « ne pas solliciter », and the
contact log of every organisation."""


from webapp.accounts.models import User
from webapp.companies.directory import CompanySection
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.permissions import can, may
from webapp.prospection.contacts import company_log
from webapp.prospection.plan import may_in_territory, target_of
from webapp.prospection.solicit import active_mark, mark_sentence
from webapp.prospection.views import log_rows


def prospection_section(user: User, company: Company) -> CompanySection | None:
    """Follow-up, marks and exchanges of the company, for staff who may read the log."""
    if not may(user, "contact.view") or company.merged_into_id is not None:
        return None
    target = target_of(company.id)
    mark = active_mark(company.id, clock.today())
    pole_id = company.commune.pole_id
    context = {
        "company": company, "target": target,
        "follow": _follow_line(user, target),
        "may_open_target": target is not None and can(user, "prospection.view", target),
        "may_request": (target is not None and target.lead_id != user.id
                        and not target.is_shared_with(user.id)
                        and can(user, "prospection.lead", target)),
        "add_pole": (company.commune.pole if target is None and pole_id is not None and any(
            may_in_territory(user, action, pole_id)
            for action in ("prospection.lead", "prospection.assign")) else None),
        "mark": mark, "mark_text": mark_sentence(mark) if mark else "",
        "may_mark": can(user, "company.do_not_solicit", company),
        "may_log": may(user, "contact.log"),
        "rows": log_rows(user, company_log(company.id)),
    }
    return CompanySection("Prospection et journal des échanges",
                          "prospection/_company_section.html", context)


def _follow_line(user: User, target) -> str:
    if target is None:
        return "Aucun CRE ne prospecte cette entreprise dans le plan partagé."
    if target.lead_id == user.id:
        return f"Vous pilotez cette cible (étape « {target.stage_label} »)."
    return f"Cible {target.followed_by}, étape « {target.stage_label} »."
