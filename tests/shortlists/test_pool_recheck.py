"""The matching pools are checked for changes at most every POOL_RECHECK_SECONDS."""

from datetime import timedelta

import pytest

from tests import factories

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}


@pytest.fixture
def recheck_every_five_seconds(app):
    app.config["POOL_RECHECK_SECONDS"] = 5
    yield
    app.config["POOL_RECHECK_SECONDS"] = 0


def test_a_new_person_reaches_the_candidates_within_the_delay(client, login, database, frozen_clock,
                                                               recheck_every_five_seconds):
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    factories.profile(org, ae, insee="13201", label="Amina B.", **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)

    def candidates() -> str:
        return client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"}).get_data(as_text=True)

    assert "Amina B." in candidates()
    factories.profile(org, ae, insee="13201", label="Louis C.", **WALKER)
    database.session.commit()
    frozen_clock.shift(timedelta(seconds=2))
    assert "Louis C." not in candidates()  # the pool checked 2 s ago is still trusted
    frozen_clock.shift(timedelta(seconds=4))
    assert "Louis C." in candidates()
