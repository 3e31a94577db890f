"""Obstacles that close the most doors across a caseload."""

from matching.obstacles import obstacles
from tests.matching.records import availability, offer, profile, schedule


def test_obstacles_count_offers_people_and_what_lifting_each_would_open(engine):
    offers = [offer(id="O-licence-1", requires_driving_licence=True),
              offer(id="O-licence-2", requires_driving_licence=True),
              offer(id="O-night", schedule=schedule(night=True)),
              offer(id="O-both", requires_driving_licence=True, schedule=schedule(night=True)),
              offer(id="O-open")]
    caseload = [profile(id="P-no-licence"),
                profile(id="P-no-night", driving_licence=True,
                        availability=availability(night=False)),
                profile(id="P-neither", availability=availability(night=False)),
                profile(id="P-elsewhere", target_rome_codes=("N1101",))]
    found = {o.category: o for o in obstacles(engine, caseload, offers)}
    assert set(found) == {"licence", "night"}
    licence, night = found["licence"], found["night"]
    assert (licence.offers_excluded, licence.people, licence.pairs) == (3, 2, 6)
    # lifting the licence alone opens O-licence-1/2 to both and O-both to P-no-licence
    assert (licence.offers_opened, licence.people_unblocked) == (3, 2)
    assert (night.offers_excluded, night.people, night.pairs) == (2, 2, 4)
    assert (night.offers_opened, night.people_unblocked) == (2, 2)
    assert [o.category for o in obstacles(engine, caseload, offers)] == ["licence", "night"]
    assert licence.sentence() == ("Pas de permis B : écarte 3 offres pour 2 personnes ; "
                                  "le lever en ouvrirait 3 à 2 personnes")


def test_no_obstacle_for_an_open_caseload(engine):
    assert obstacles(engine, [profile()], [offer()]) == []
