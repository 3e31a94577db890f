"""The matching pools are checked for changes at most every POOL_RECHECK_SECONDS."""

from datetime import timedelta

import pytest
from sqlalchemy import event, update

from matching.weights import DEFAULT_WEIGHTS, Weights
from tests import factories
from webapp.shortlists.models import MatchingWeights
from webapp.shortlists.weights import recent_weights_for, save_weights

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


def test_the_weights_are_read_again_within_the_delay_and_at_once_after_a_save(
        database, frozen_clock, recheck_every_five_seconds):
    pole_id = factories.organisation(pole_code="I").pole_id
    admin = factories.user((factories.organisation(kind="departement_emploi", pole_code=None), "admin"))
    statements = []

    def count(*_):
        statements.append(1)

    connection = database.session.get_bind()
    event.listen(connection, "before_cursor_execute", count)
    assert recent_weights_for(pole_id) == DEFAULT_WEIGHTS
    read = len(statements)
    assert recent_weights_for(pole_id) == DEFAULT_WEIGHTS and len(statements) == read  # kept
    event.remove(connection, "before_cursor_execute", count)

    saved = Weights(job=0.4, reach=0.3, hours=0.2, availability=0.1)
    save_weights(admin, pole_id, saved, expected_version=0)
    assert recent_weights_for(pole_id) == saved  # this process at once
    database.session.execute(update(MatchingWeights).values(job=0.1, availability=0.4))
    elsewhere = Weights(job=0.1, reach=0.3, hours=0.2, availability=0.4)  # another process's save
    frozen_clock.shift(timedelta(seconds=4))
    assert recent_weights_for(pole_id) == saved
    frozen_clock.shift(timedelta(seconds=2))
    assert recent_weights_for(pole_id) == elsewhere
