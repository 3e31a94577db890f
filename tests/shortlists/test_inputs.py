"""The bulk readers give the engine the same records as the ORM objects would."""

from datetime import date

from sqlalchemy import select

from tests import factories
from webapp.offers.models import Offer
from webapp.profiles.models import Profile, ProfileTarget
from webapp.shortlists.inputs import (
    exchange_offers,
    exchange_profiles,
    read_offers,
    read_profiles,
)


def test_read_profiles_gives_the_records_of_the_orm_objects(database):
    org = factories.organisation(kind="france_travail", pole_code="II")
    ae = factories.user((org, "ae"))
    chosen = factories.profile(org, ae, insee="13202", targets=("K2204", "G1603"),
                               target_titles=["Agent d'entretien"], max_km=12.5,
                               postal_code="13002", available_from=date(2027, 1, 4),
                               min_hours_per_week=20, max_hours_per_week=35, can_night=True,
                               childcare_constraint=True, driving_licence=True,
                               consent_promotion=True, parcours="socio_pro")
    chosen.targets[1].experience_months = 18
    # a target added later with a better rank: the records follow the rank, not the row order
    database.session.add(ProfileTarget(profile_id=chosen.id, rank=0, rome_code="N1103",
                                       experience_months=6))
    factories.profile(org, ae, insee="13203", mobility_modes=["car"], vehicle=True)
    factories.profile(org, None, insee="13201", targets=())  # neither a job nor a title: skipped
    factories.profile(org, ae, insee="13201", status="left")  # not selected
    database.session.flush()
    database.session.expire_all()
    condition = Profile.status != "left"

    rows, records, skipped = read_profiles(condition)
    expected, expected_skipped = exchange_profiles(
        database.session.scalars(select(Profile).where(condition).order_by(Profile.id)).all())

    assert skipped == expected_skipped and len(skipped) == 1, skipped
    assert records == expected and len(records) == 2
    assert records[0].target_rome_codes == ("N1103", "K2204", "G1603")
    assert [(row.id, row.reference, row.label) for row in rows] == [
        (p.id, p.reference, p.label) for p in database.session.scalars(
            select(Profile).where(condition).order_by(Profile.id))]


def test_read_offers_gives_the_records_of_the_orm_objects(database):
    org = factories.organisation(kind="france_travail", pole_code="II")
    factories.offer(org, insee="13202", rome_code="K2204", hours_per_week=24, night=True,
                    positions=3, positions_filled=1, start_date=date(2027, 2, 1),
                    requires_driving_licence=True, immersion_possible=True, postal_code="13002")
    factories.offer(org, insee="13203", rome_code=None, title="Serveur en brasserie")
    factories.offer(org, insee="13201", hours_per_week=0.5)  # under an hour a week: skipped
    factories.offer(org, insee="13201", status="draft")  # not selected
    database.session.expire_all()
    condition = Offer.status == "open"

    rows, records, skipped = read_offers(condition, order_by=Offer.reference)
    expected, expected_skipped = exchange_offers(
        database.session.scalars(select(Offer).where(condition).order_by(Offer.reference)).all())

    assert records == expected and len(records) == 2
    assert records[0].positions == 2
    assert skipped == expected_skipped and len(skipped) == 1
    assert [row.reference for row in rows] == [r.id for r in records] + [skipped[0].reference]
