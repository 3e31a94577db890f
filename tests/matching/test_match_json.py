"""Matches written as JSON in bulk: the very bytes orjson writes for their dicts."""

import orjson
import pytest

from matching.match_json import json_written, results_json
from matching.synthetic import Synthetic
from tests.matching.records import offer, profile

EVERYDAY = ("K2204", "K2205", "G1602", "N1103", "J1301")


@pytest.fixture(scope="module")
def people_and_offers(engine, ref):
    synthetic = Synthetic(ref, seed=5, today=engine.today, everyday_codes=EVERYDAY)
    people = synthetic.profiles(300) + [
        profile(id="P-titles", target_rome_codes=(), target_titles=("Plongeur", "Agent d'entretien")),
        profile(id="P-arles", commune="13004", experience_months={"K2205": 30})]
    offers = synthetic.offers(120) + [offer(id="O-arles", commune="13004", hours_per_week=None)]
    return people, offers


def plain(results, explain=False):
    return orjson.dumps([r.to_dict(explain) for r in results])


@pytest.mark.parametrize("direction", ["offers", "profiles"])
@pytest.mark.parametrize("explain", [False, True])
def test_the_bulk_json_equals_the_json_of_the_dicts(engine, people_and_offers, direction,
                                                    explain):
    people, offers = people_and_offers

    def ranked():
        pool = engine.offer_pool(offers)
        if direction == "offers":
            return engine.rank_all(pool, engine.profile_pool(people), 20, explain)
        return engine.rank_all_profiles(people, pool, 20, explain)

    with json_written():
        written = ranked()
    assert all(m.members_json for r in written for m in r.matches)
    assert sum(len(r.matches) for r in written) > 1000
    reasons = {reason for r in written for m in r.matches for reason in m.reasons}
    assert any(reason.startswith("Trajet à vérifier") for reason in reasons)
    assert any(reason.startswith("Expérience") for reason in reasons)
    assert any(reason.startswith("Intitulé proche") for reason in reasons)
    assert orjson.dumps(results_json(written, explain)) == plain(written, explain)
    # Built outside the block, the matches carry no JSON: the same bytes, from their dicts.
    alone = ranked()
    assert all(m.members_json is None for r in alone for m in r.matches)
    assert orjson.dumps(results_json(alone, explain)) == plain(written, explain)


def test_one_offer_ranked_alone_is_written_the_same(engine, people_and_offers):
    people, offers = people_and_offers
    pool = engine.profile_pool(people)
    with json_written():
        result = engine.rank_profiles(offers[-1], pool, top=5)
    assert len(result.matches) == 5 and result.matches[0].members_json
    assert orjson.dumps(results_json([result])) == plain([result])
    assert orjson.dumps(results_json([result], explain=True)) == plain([result], explain=True)
