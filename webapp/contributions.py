"""What each feature adds to the pages and processes of the features before it, in one list.

Read it as a table: the home page's cards, the menu's badges, the company page's blocks, the cellule agenda's
sections, the sections of a person's access-request export and what the retention purge
deletes with a person. `create_app()` calls `fill_registries()`; nothing registers itself on
import, so what exists is what is written here.
"""

from webapp.accounts.home import admin_cards
from webapp.cellule import agenda_employers as cellule_employers_agenda
from webapp.cellule import agenda_sections as cellule_agenda
from webapp.cellule import privacy as cellule_privacy
from webapp.cellule import proposals as cellule_proposals
from webapp.cellule.home import cellule_cards
from webapp.core import registries
from webapp.core.registries import ExportSection, NavBadge, PurgeHook
from webapp.dashboard.home_cards import headline_cards
from webapp.immersions import agenda_section as immersion_agenda
from webapp.immersions import company_section as immersion_company
from webapp.immersions import export as immersion_export
from webapp.immersions.followup import immersion_cards
from webapp.needs import company_section as need_company
from webapp.needs.queue import need_cards
from webapp.notifications.address import address_problems
from webapp.offers.home_cards import offer_cards
from webapp.profiles.access_request import PROFILE_SECTIONS
from webapp.profiles.caseload import caseload_cards
from webapp.promotions import answers as promotion_answers
from webapp.promotions import company_section as promotion_company
from webapp.promotions import hiring as promotion_hiring
from webapp.prospection import agenda_section as prospection_agenda
from webapp.prospection import company_section as prospection_company
from webapp.prospection.actions import prospection_cards
from webapp.shortlists import live as shortlists


def fill_registries() -> None:
    """Put every feature's contributions in the registries of webapp/core/registries.py."""
    registries.home_cards.fill([
        caseload_cards, offer_cards, need_cards, cellule_cards, promotion_answers.answer_cards,
        immersion_cards, prospection_cards, headline_cards, admin_cards,
    ])
    registries.nav_badges.fill([
        NavBadge("promotions.index", promotion_answers.answered_count, "réponses d'employeurs"),
    ])
    registries.company_sections.fill([
        need_company.hiring_needs_section,
        promotion_company.presented_profiles_section,
        immersion_company.immersions_section,
        prospection_company.prospection_section,
    ])
    registries.agenda_sections.fill([  # each section carries its own order on the page
        cellule_agenda.proposals_section,
        cellule_agenda.follow_up_section,
        cellule_employers_agenda.pooled_section,
        cellule_employers_agenda.events_section,
        prospection_agenda.prospection_section,
        immersion_agenda.immersions_section,
    ])
    registries.export_sections.fill([
        *PROFILE_SECTIONS,
        ExportSection("cellule_emploi", cellule_privacy.proposals_section, ("profile_proposal",)),
        ExportSection("promotions", cellule_privacy.promotions_section, ("promotion",)),
        ExportSection("invitations_evenements", cellule_privacy.invitations_section,
                      ("event_invitation",)),
        ExportSection("immersions_pmsmp", immersion_export.access_request_section, ("immersion",)),
        ExportSection("listes_de_candidats", shortlists.shortlist_section, ("shortlist_entry",)),
    ])
    registries.purge_hooks.fill([
        PurgeHook(cellule_privacy.forget_in_cellule,
                  ("profile_proposal", "promotion", "event_invitation")),
        PurgeHook(immersion_export.forget_immersions, ("immersion",)),
        PurgeHook(shortlists.forget_in_shortlists, ("shortlist_entry",)),
    ])
    registries.profile_status_hooks.fill([  # a status set on the profile itself
        promotion_hiring.hire_from_profile,
        cellule_proposals.withdraw_on_pause,
    ])
    registries.user_notices.fill([address_problems])
