"""The ranked pages keep what they computed per process (pools, rankings, counts, the communes
within reach): their statements do not grow with the data, and a change is seen at the next
view (POOL_RECHECK_SECONDS is 0 in tests)."""

import re
from contextlib import contextmanager

from sqlalchemy import event

from tests import factories
from webapp.extensions import db

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}
HTMX = {"HX-Request": "true"}


@contextmanager
def counted_statements():
    statements = []

    def count(*_):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _statements(client, url: str, headers: dict) -> int:
    client.get(url, headers=headers)  # builds what the data changed
    with counted_statements() as statements:
        assert client.get(url, headers=headers).status_code == 200
    return len(statements)


def _territory():
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    return org, ae


def _more(org, ae, how_many: int) -> None:
    for number in range(how_many):
        factories.profile(org, ae, insee="13201", label=f"Renfort {number}.", **WALKER)
        factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24,
                        title=f"Agent d'entretien {number} H/F")
    db.session.commit()


def test_the_ranked_pages_run_as_many_statements_with_ten_times_the_rows(client, login, database):
    org, ae = _territory()
    person = factories.profile(org, ae, insee="13201", **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    _more(org, ae, 2)
    login(ae)
    pages = ((f"/profils/{person.id}/a-portee", HTMX), (f"/offres/{offer.id}/candidats", HTMX),
             ("/profils/", {}))
    before = [_statements(client, url, headers) for url, headers in pages]
    _more(org, ae, 20)
    assert [_statements(client, url, headers) for url, headers in pages] == before


def _reach(client, person) -> str:
    return client.get(f"/profils/{person.id}/a-portee", headers=HTMX).get_data(as_text=True)


def test_an_offer_created_edited_or_closed_is_seen_at_the_next_reach_view(client, login, database):
    org, ae = _territory()
    person = factories.profile(org, ae, insee="13201", **WALKER)
    factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24, title="Agent de propreté H/F")
    login(ae)
    assert "Agent de propreté H/F" in _reach(client, person)

    created = factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24,
                              title="Laveur de vitres H/F")
    database.session.commit()
    assert "Laveur de vitres H/F" in _reach(client, person)

    created.title = "Laveuse de vitres H/F"
    database.session.commit()
    page = _reach(client, person)
    assert "Laveuse de vitres H/F" in page and "Laveur de vitres H/F" not in page

    created.status = "filled"
    database.session.commit()
    assert "Laveuse de vitres H/F" not in _reach(client, person)


def test_a_person_edited_is_seen_at_the_next_reach_view(client, login, database):
    org, ae = _territory()
    person = factories.profile(org, ae, insee="13201", **WALKER)
    factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24, title="Agent de propreté H/F")
    login(ae)
    assert "Agent de propreté H/F" in _reach(client, person)

    person.max_minutes = 5  # the next arrondissement is now too far
    database.session.commit()
    assert "Agent de propreté H/F" not in _reach(client, person)


def test_the_communes_in_reach_follow_the_persons_travel_time(client, login, database):
    org, ae = _territory()
    person = factories.profile(org, ae, insee="13201", **WALKER)
    login(ae)
    wide = _reach(client, person)
    person.max_minutes = 10
    database.session.commit()
    narrow = _reach(client, person)
    communes = re.compile(r"([\d  ]+) communes à moins de (\d+) min")
    assert communes.search(wide).group(2) == "45" and communes.search(narrow).group(2) == "10"
    assert int(communes.search(narrow).group(1).replace("\u202f", "").replace(" ", "")) < \
        int(communes.search(wide).group(1).replace("\u202f", "").replace(" ", ""))


def _candidates(client, offer) -> str:
    return client.get(f"/offres/{offer.id}/candidats", headers=HTMX).get_data(as_text=True)


def test_a_person_created_edited_or_gone_is_seen_at_the_next_candidates_view(client, login, database):
    org, ae = _territory()
    factories.profile(org, ae, insee="13201", label="Amina B.", **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)
    assert "Amina B." in _candidates(client, offer)

    louis = factories.profile(org, ae, insee="13201", label="Louis C.", **WALKER)
    database.session.commit()
    assert "Louis C." in _candidates(client, offer)

    louis.label = "Louis D."
    database.session.commit()
    page = _candidates(client, offer)
    assert "Louis D." in page and "Louis C." not in page

    louis.status = "left"
    database.session.commit()
    assert "Louis D." not in _candidates(client, offer)

    offer.requires_driving_licence = True  # nobody has one
    database.session.commit()
    assert "Amina B." not in _candidates(client, offer)


def _counts(client) -> list[str]:
    page = client.get("/profils/").get_data(as_text=True)
    return re.findall(r'<td class="offers-in-reach"><span class="badge \w+">(\d+)</span>', page)


def test_the_caseload_counts_follow_the_offers_at_the_next_view(client, login, database):
    org, ae = _territory()
    factories.profile(org, ae, insee="13201", **WALKER)
    first = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)
    assert _counts(client) == ["1"]

    factories.offer(org, insee="13205", rome_code="K2204", hours_per_week=24)
    database.session.commit()
    assert _counts(client) == ["2"]

    first.status = "filled"
    database.session.commit()
    assert _counts(client) == ["1"]
