"""The caseload page: an AE's people, the stale alert, filters, sorting and the matching hook."""

from datetime import date, timedelta

from tests import factories
from tests.clock import NOW
from webapp.profiles.caseload import CaseloadFilters, caseload

LONG_AGO = NOW - timedelta(weeks=12)


def _world():
    org = factories.organisation("France Travail Marseille Centre", pole_code="I")
    ae = factories.user((org, "ae"), name="Nadia Accompagnatrice")
    people = {
        "ready": factories.profile(org, ae=ae, label="Amina K.", job_ready=True,
                                   job_ready_since=date(2026, 3, 2)),
        "stale": factories.profile(org, ae=ae, label="Bruno L.", updated_at=LONG_AGO),
        "hired": factories.profile(org, ae=ae, label="Chloé M.", status="hired", hired_contract="CDI"),
        "left": factories.profile(org, ae=ae, label="David N.", status="left", left_reason="Déménagement"),
    }
    return org, ae, people


def _names(page: str, *labels: str) -> list[str]:
    return sorted((page.index(label), label) for label in labels if label in page)


def test_the_caseload_lists_the_ae_s_people_with_status_readiness_and_alert(client, login, database):
    _, ae, _ = _world()
    other = factories.profile(factories.organisation(), label="Zoé Z.")
    login(ae)
    response = client.get("/profils/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mes personnes suivies" in page
    for label in ("Amina K.", "Bruno L.", "Chloé M."):
        assert label in page
    assert "David N." not in page and other.label not in page  # left people hidden by default
    assert "Embauché" in page and "depuis le 02/03/2026" in page
    assert "1 profil(s) sans mise à jour depuis plus de 8 semaines" in page
    assert "À mettre à jour</span>" in page
    assert "3 personne(s)" in page


def test_filters_and_sorting_are_kept_in_the_url_and_answered_as_a_fragment(client, login, database):
    _, ae, _ = _world()
    login(ae)
    response = client.get("/profils/", query_string={"readiness": "oui"}, headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment and "HX-Request" in response.headers["Vary"]
    assert "Amina K." in fragment and "Bruno L." not in fragment
    full = client.get("/profils/?status=tous&sort=situation&q=.").get_data(as_text=True)
    assert '<option selected value="tous">' in full and 'value="."' in full
    assert "David N." in full
    sorted_by_status = [label for _, label in _names(full, "Chloé M.", "David N.", "Bruno L.")]
    assert sorted_by_status == ["Bruno L.", "Chloé M.", "David N."]  # accompaniment, hired, left
    stale_only = client.get("/profils/?stale=y").get_data(as_text=True)
    assert "Bruno L." in stale_only and "Amina K." not in stale_only


def test_the_caseload_has_a_hook_for_offers_in_reach(database):
    _, ae, _ = _world()
    filters = CaseloadFilters()
    without = caseload(ae, filters, page_size=25, stale_weeks=8)
    assert not without.shows_offers_in_reach
    assert all(row.offers_in_reach is None for row in without.page.items)
    counted = caseload(ae, filters, page_size=25, stale_weeks=8,
                       offers_in_reach=lambda profiles: {p.id: 7 for p in profiles})
    assert counted.shows_offers_in_reach
    assert {row.offers_in_reach for row in counted.page.items} == {7}


def test_caseload_pages_and_counts(database):
    org, ae, _ = _world()
    for number in range(30):
        factories.profile(org, ae=ae, label=f"Personne{number:02d} P.")
    first = caseload(ae, CaseloadFilters(), page_size=25, stale_weeks=8)
    assert first.page.total == 33 and first.page.pages == 2 and len(first.page.items) == 25
    second = caseload(ae, CaseloadFilters(page=2), page_size=25, stale_weeks=8)
    assert len(second.page.items) == 8 and not second.page.has_next


def test_managers_see_whose_people_they_are(client, login, database):
    org, _, _ = _world()
    login(factories.user((org, "direction")))
    page = client.get("/profils/").get_data(as_text=True)
    assert "<th scope=\"col\">Référent</th>" in page and "Nadia Accompagnatrice" in page


def test_the_navigation_and_home_cards_follow_the_caseload_permission(client, login, database):
    org, ae, _ = _world()
    login(ae)
    home = client.get("/").get_data(as_text=True)
    assert "Mes personnes suivies" in home
    assert "Profils à mettre à jour" in home
    cre = factories.user((org, "cre"))
    login(cre)
    home = client.get("/").get_data(as_text=True)
    assert "Mes personnes suivies" not in home and "Personnes suivies" not in home
