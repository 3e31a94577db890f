"""Loading the demo territory once: plan it from the seed, write it, say what is there."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.companies.models import Company
from webapp.core import clock
from webapp.core.formatting import number_fr
from webapp.core.passwords import hash_password
from webapp.demo.cellule import write_demo_cellule
from webapp.demo.context import read_context
from webapp.demo.immersions import write_demo_immersions
from webapp.demo.needs import write_demo_needs
from webapp.demo.people import DEMO_PASSWORD, demo_email
from webapp.demo.plan import plan_demo
from webapp.demo.profile_extras import add_profile_extras
from webapp.demo.prospection import write_demo_prospection
from webapp.demo.writer import write_plan
from webapp.extensions import db
from webapp.offers.models import Offer
from webapp.profiles.models import Profile

DEFAULT_SEED = 2026
MARKER_EMAIL = demo_email("admin")  # the demo exists once its administrator account does


@dataclass(frozen=True)
class DemoSummary:
    """What the database holds after `load_demo`, and whether this call created the demo."""

    created: bool
    organisations: int
    accounts: int
    companies: int
    offers: int
    profiles: int

    def lines(self) -> list[str]:
        heading = (
            "Territoire de démonstration créé."
            if self.created
            else "Territoire de démonstration déjà présent : rien n'a été ajouté."
        )
        return [
            heading,
            f"organisations : {number_fr(self.organisations)}",
            f"comptes : {number_fr(self.accounts)}",
            f"entreprises : {number_fr(self.companies)}",
            f"offres : {number_fr(self.offers)}",
            f"profils : {number_fr(self.profiles)}",
        ]


def load_demo(
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] = lambda done: None,
    today: date | None = None,
) -> DemoSummary:
    """Build the demo territory unless it exists; `progress` gets the percentage done (0-100).

    Needs the reference data. Flushes only: the caller commits.
    """
    created = not demo_present()
    if created:
        context = read_context(today or clock.now().date())
        plan = plan_demo(seed, context)
        progress(2)
        write_plan(plan, hash_password(DEMO_PASSWORD), progress)
        add_profile_extras()
        write_demo_needs(seed, context.today)
        write_demo_prospection(seed, context.today)
        write_demo_cellule(seed, context.today)
        write_demo_immersions(seed, context.today)
    progress(100)
    return DemoSummary(created, *_counts())


def demo_present() -> bool:
    return db.session.scalar(select(User.id).where(User.email == MARKER_EMAIL)) is not None


def _counts() -> tuple[int, ...]:
    def count(model) -> int:
        return db.session.scalar(select(func.count()).select_from(model)) or 0

    return tuple(count(model) for model in (Organisation, User, Company, Offer, Profile))
