"""The demo territory: counts, idempotence, determinism, the brief's mixes, invented identities."""

from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from ingestion.siret import luhn_valid
from tests.conftest import ConnectionBoundSession
from webapp import create_app
from webapp.accounts.models import ROLES, Membership, User
from webapp.accounts.organisation_models import ORGANISATION_KINDS, Organisation
from webapp.companies.models import Company
from webapp.config import TestConfig
from webapp.core.errors import Invalid
from webapp.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_accounts, load_demo
from webapp.demo.context import read_context
from webapp.demo.jobs import SECTOR_SHARES
from webapp.demo.people import STABLE_ACCOUNTS, demo_email
from webapp.demo.plan import plan_demo
from webapp.extensions import db
from webapp.offers.models import Offer, OfferEvent
from webapp.profiles.models import Profile, ProfileTarget
from webapp.reference.models import Commune, Pole

SEED = 2026
TODAY = date(2026, 3, 2)


@contextmanager
def _own_session(**options):
    """Swap in a session of our own for db.session (conftest's `database` is per test)."""
    original_session = db.session
    db.session = db._make_scoped_session(options)
    try:
        yield
    finally:
        db.session.remove()
        db.session = original_session


@pytest.fixture(scope="module")
def demo(app):
    """The demo loaded once for the module, in a transaction rolled back at the end."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        options = {
            "class_": ConnectionBoundSession,
            "bind": connection,
            "join_transaction_mode": "create_savepoint",
        }
        progress: list[int] = []
        try:
            with _own_session(**options):
                yield load_demo(seed=SEED, progress=progress.append, today=TODAY), progress
        finally:
            outer.rollback()
            connection.close()


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_the_demo_has_the_announced_size(demo):
    summary, progress = demo
    assert summary.created
    assert 35 <= summary.accounts <= 45
    assert (summary.companies, summary.offers, summary.profiles) == (300, 1500, 6000)
    kinds = set(db.session.scalars(select(Organisation.kind)))
    assert kinds == set(ORGANISATION_KINDS) - {"other"}
    assert progress == sorted(progress) and progress[-1] == 100
    assert summary.lines()[1:] == [
        f"organisations : {summary.organisations}",
        f"comptes : {summary.accounts}",
        "entreprises : 300",
        "offres : 1\u202f500",
        "profils : 6\u202f000",
    ]


def test_loading_again_adds_nothing(demo):
    summary, _ = demo
    again = load_demo(seed=SEED + 1, today=TODAY)
    assert not again.created
    assert again.lines()[0] == "Territoire de démonstration déjà présent : rien n'a été ajouté."
    assert again == replace(summary, created=False)


def test_the_same_seed_gives_the_same_territory(demo):
    plan = plan_demo(SEED, read_context(TODAY))
    stored = db.session.execute(
        select(Offer.title, Offer.commune_insee).order_by(Offer.reference)
    ).all()
    assert [tuple(row) for row in stored] == [
        (offer.columns["title"], offer.columns["commune_insee"]) for offer in plan.offers
    ]
    labels = list(db.session.scalars(select(Profile.label).order_by(Profile.reference)))
    assert labels == [profile.columns["label"] for profile in plan.profiles]
    other = plan_demo(SEED + 1, read_context(TODAY))
    assert [o.columns["title"] for o in other.offers] != [o.columns["title"] for o in plan.offers]


def _sector_shares(codes: list[str]) -> dict[str, float]:
    counts = Counter(code[0] for code in codes)
    return {sector: counts[sector] / len(codes) for sector in counts}


@pytest.mark.parametrize("source", ["offers", "first targets"])
def test_sectors_follow_the_brief(demo, source):
    if source == "offers":
        codes = list(db.session.scalars(select(Offer.rome_code)))
    else:
        codes = list(
            db.session.scalars(select(ProfileTarget.rome_code).where(ProfileTarget.rank == 1))
        )
    shares = _sector_shares(codes)
    ranked = sorted(shares, key=shares.get, reverse=True)
    assert ranked[:4] == ["K", "D", "N", "M"]
    for sector, expected in SECTOR_SHARES.items():
        assert shares[sector] == pytest.approx(expected, abs=0.01)


def test_mobility_is_the_most_frequent_barrier_and_health_has_no_note(demo):
    barriers = list(db.session.scalars(select(Profile.barriers)))
    counts = Counter(flag for recorded in barriers for flag in recorded)
    assert counts.most_common(1)[0][0] == "mobility"
    assert 0.4 < counts["mobility"] / len(barriers) < 0.65
    assert all(recorded.get("health", "") == "" for recorded in barriers)
    modes = list(db.session.scalars(select(Profile.mobility_modes)))
    transit_and_walk = sum(sorted(m) == ["public_transport", "walk"] for m in modes) / len(modes)
    assert transit_and_walk == pytest.approx(0.6, abs=0.03)
    with_a_car = _count(Profile, Profile.driving_licence, Profile.vehicle) / len(modes)
    assert with_a_car == pytest.approx(0.25, abs=0.03)


def test_every_siret_is_valid_and_can_never_be_real(demo):
    sirets = list(db.session.scalars(select(Company.siret)))
    assert len(set(sirets)) == 300
    assert all(
        len(s) == 14 and s.startswith("999") and luhn_valid(s) and luhn_valid(s[:9]) for s in sirets
    )


def test_names_are_obviously_invented(demo):
    users = db.session.scalars(select(User)).all()
    assert all(u.email.endswith("@" + DEMO_DOMAIN) and "Démo-" in u.display_name for u in users)
    assert all(name.endswith("(fictif)") for name in db.session.scalars(select(Company.name)))


def test_profiles_sit_in_their_commune_pole_with_an_ae_of_their_organisation(demo):
    profiles = db.session.execute(
        select(
            Profile.commune_insee,
            Profile.pole_id,
            Profile.organisation_id,
            Profile.ae_id,
            Profile.consent_promotion,
            Profile.consent_recorded_by_id,
        )
    ).all()
    pole_of = dict(db.session.execute(select(Commune.insee, Commune.pole_id)).all())
    assert all(
        p.commune_insee and p.organisation_id and p.pole_id == pole_of[p.commune_insee]
        for p in profiles
    )
    ae_organisations = set(
        db.session.execute(
            select(Membership.user_id, Membership.organisation_id).where(Membership.role == "ae")
        ).all()
    )
    assert all((p.ae_id, p.organisation_id) in ae_organisations for p in profiles)
    assert all(p.consent_recorded_by_id == p.ae_id for p in profiles if p.consent_promotion)
    marseille_iii = _pole_id("III")
    share = sum(p.pole_id == marseille_iii for p in profiles) / len(profiles)
    assert share == pytest.approx(10856 / 62303, abs=0.002)


def _pole_id(code: str) -> int:
    return db.session.scalar(select(Pole.id).where(Pole.code == code))


def test_offers_are_signed_by_a_cre_of_their_organisation_in_their_pole(demo):
    offers = db.session.scalars(select(Offer)).all()
    pole_of = dict(db.session.execute(select(Commune.insee, Commune.pole_id)).all())
    cre_organisations = set(
        db.session.execute(
            select(Membership.user_id, Membership.organisation_id).where(Membership.role == "cre")
        ).all()
    )
    assert all(o.pole_id == pole_of[o.commune_insee] for o in offers)
    assert all((o.cre_id, o.organisation_id) in cre_organisations for o in offers)
    events = db.session.scalars(
        select(OfferEvent).order_by(OfferEvent.offer_id, OfferEvent.at, OfferEvent.id)
    ).all()
    history: dict[int, list[OfferEvent]] = {}
    for event in events:
        history.setdefault(event.offer_id, []).append(event)
    for offer in offers:
        steps = history[offer.id]
        assert steps[0].from_status is None and steps[-1].to_status == offer.status
        assert all(before.to_status == after.from_status for before, after in pairwise(steps))
        assert all(step.user_id == offer.cre_id for step in steps)


def test_each_stable_account_logs_in_with_its_role(demo):
    accounts = demo_accounts()
    assert [email for _, email in accounts] == [
        demo_email(local) for _, local, _ in STABLE_ACCOUNTS
    ]
    assert {role for role, _, _ in STABLE_ACCOUNTS} == set(ROLES)
    assert len(accounts) == 7 and demo_email("cre.plie") in [email for _, email in accounts]
    for role, local_part, _ in STABLE_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == demo_email(local_part)))
        assert user.active and user.check_password(DEMO_PASSWORD), local_part
        assert role in user.roles, (local_part, user.roles)
    assert all(len(label) <= 45 for label, _ in accounts)
    ae = db.session.scalar(select(User).where(User.email == demo_email("ae")))
    assert _count(Profile, Profile.ae_id == ae.id) == 60


def test_the_demo_cre_works_for_the_departement_in_marseille_i(demo):
    cre = db.session.scalar(select(User).where(User.email == f"cre@{DEMO_DOMAIN}"))
    (membership,) = cre.memberships
    assert membership.organisation.kind == "departement_emploi"
    assert membership.pole_id == _pole_id("I")
    employer = db.session.scalar(select(User).where(User.email == f"employeur@{DEMO_DOMAIN}"))
    company = db.session.get(Company, employer.memberships[0].organisation.company_id)
    assert company.commune.pole_id == _pole_id("I")
    assert _count(Offer, Offer.company_id == company.id) > 0


def test_some_profiles_are_stale_for_the_home_page_alert(demo):
    updates = list(db.session.scalars(select(Profile.updated_at)))
    stale = [moment for moment in updates if (TODAY - moment.date()).days > 56]
    assert 0.1 < len(stale) / len(updates) < 0.3


def test_the_demo_needs_the_reference_data():
    empty = create_app(TestConfig)
    with empty.app_context():
        with _own_session():
            db.create_all()
            with pytest.raises(Invalid, match="flask reference load"):
                load_demo(today=TODAY)
        db.engine.dispose()


def test_no_demo_profile_breaks_the_profile_form_rules(demo):
    from sqlalchemy import func

    from webapp.profiles.models import Profile

    inconsistent = db.session.scalar(select(func.count(Profile.id)).where(
        (Profile.available_from < Profile.entry_date)
        | (Profile.min_hours_per_week > Profile.max_hours_per_week)
        | (Profile.max_minutes <= 0) | (Profile.max_minutes > 180)
    ))
    assert inconsistent == 0
