"""The benchmark's data: activity rows copied in SQL, references moved, unique texts suffixed,
accounts and reference data kept once."""

from sqlalchemy import func, select

from tests import factories
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.bench.multiply import multiply
from webapp.extensions import db
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer
from webapp.profiles.models import Profile, ProfileTarget


def test_activity_is_multiplied_with_its_links_and_unique_references(database):
    org = factories.organisation(pole_code="I")
    ae = factories.user((org, "ae"))
    factories.profile(org, ae=ae, targets=("K2204", "K2205"))
    converted = factories.offer(org, external_ref="FT-1")
    factories.need(org, offer_id=converted.id, status="converted")
    before = {model: db.session.scalar(select(func.count()).select_from(model))
              for model in (Organisation, User, Profile, ProfileTarget, Offer, HiringNeed)}

    rows = multiply(3)

    after = {model: db.session.scalar(select(func.count()).select_from(model)) for model in before}
    assert after[Organisation] == before[Organisation] and after[User] == before[User]
    for model in (Profile, ProfileTarget, Offer, HiringNeed):
        assert after[model] == 3 * before[model], model
    assert rows["profile"] == after[Profile]
    references = db.session.scalars(select(Offer.reference).order_by(Offer.id)).all()
    assert len(set(references)) == len(references) and references[-1].endswith("-3")
    # Each copied need points at the copy of its offer, each copied target at its profile copy.
    pairs = db.session.execute(select(HiringNeed.offer_id, Offer.external_ref)
                               .join(Offer, Offer.id == HiringNeed.offer_id)).all()
    assert sorted(ref for _, ref in pairs) == ["FT-1", "FT-1-2", "FT-1-3"]
    per_profile = db.session.execute(select(ProfileTarget.profile_id, func.count())
                                     .group_by(ProfileTarget.profile_id)).all()
    assert {n for _, n in per_profile} == {2}
    assert {ae.id} == set(db.session.scalars(select(Profile.ae_id)))
