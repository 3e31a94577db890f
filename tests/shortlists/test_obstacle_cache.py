"""The caseload's obstacles are kept between views while its people and the offers are
unchanged, and a change to either is seen at the next view (POOL_RECHECK_SECONDS is 0 in
tests)."""

from tests import factories

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}
HTMX = {"HX-Request": "true"}


def _obstacles(client) -> str:
    answer = client.get("/profils/obstacles", headers=HTMX)
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def test_a_person_or_an_offer_changed_is_seen_at_the_next_obstacles_view(client, login, database):
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    person = factories.profile(org, ae, insee="13201", **WALKER)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                    requires_driving_licence=True)
    login(ae)
    first = _obstacles(client)
    assert "<strong>1 offre</strong> à 1 personne" in first
    assert _obstacles(client) == first  # kept

    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                    requires_driving_licence=True)
    database.session.commit()
    assert "<strong>2 offres</strong> à 1 personne" in _obstacles(client)

    person.driving_licence = True
    database.session.commit()
    assert "<strong>2 offres</strong>" not in _obstacles(client)
