"""Links out to the partners' tools: built from one pattern each, shown to the right roles,
opened in a new tab, and never carrying anything about a person."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from data_inclusion.schema.v1 import Thematique

from tests import factories
from webapp.core import partner_links
from webapp.core.partner_links import (
    BARRIER_THEMES,
    OBSTACLE_THEMES,
    Place,
    commune_slug,
    dora_for_barrier,
    dora_for_obstacle,
    emplois_inclusion,
    immersion_hosts,
    ouiform_training,
)
from webapp.profiles.consent import share_profile

MARSEILLE_1 = Place("13201", "Marseille 1er", 43.30, 5.38)
# What a link may carry: a ROME code, a commune (INSEE, name, centre), a radius, a theme.
ALLOWED_PARAMETERS = {"cats", "subs", "city", "cl", "rome", "place", "latitude", "longitude", "distanceKm",
                      "distance", "departement"}
WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_every_theme_is_a_data_inclusion_thematic():
    known = {theme.value for theme in Thematique}
    assert set(BARRIER_THEMES.values()) | set(OBSTACLE_THEMES.values()) <= known


def test_the_dora_search_is_a_service_kind_around_the_commune():
    link = dora_for_barrier("childcare", MARSEILLE_1)
    assert link.url.startswith("https://dora.inclusion.beta.gouv.fr/recherche?")
    assert _query(link.url) == {"cats": ["famille"], "subs": ["famille--garde-denfants"],
                                "city": ["13201"], "cl": ["Marseille 1er"]}
    assert dora_for_obstacle("licence", MARSEILLE_1).url.count("mobilite--preparer-un-permis") == 1
    assert dora_for_barrier("other", MARSEILLE_1) is None and dora_for_obstacle("night", MARSEILLE_1) is None


def test_the_job_links_carry_the_rome_code_and_the_commune_only():
    hosts = immersion_hosts("K2204", "Nettoyage de locaux", MARSEILLE_1)
    assert hosts.url.startswith("https://immersion-facile.beta.gouv.fr/recherche?")
    assert _query(hosts.url) == {"rome": ["K2204"], "place": ["Marseille 1er"], "latitude": ["43.3"],
                                 "longitude": ["5.38"], "distanceKm": ["10"]}
    assert _query(ouiform_training("K2204", "Nettoyage de locaux").url) == {"rome": ["K2204"]}
    assert _query(emplois_inclusion(MARSEILLE_1).url) == {"city": ["marseille-13"], "distance": ["25"]}


@pytest.mark.parametrize(("name", "slug"), [("Marseille 5e", "marseille-13"), ("Marseille 1er", "marseille-13"),
                                            ("Aix-en-Provence", "aix-en-provence-13"),
                                            ("Saint-Martin-de-Crau", "saint-martin-de-crau-13"),
                                            ("Salon-de-Provence", "salon-de-provence-13")])
def test_commune_slugs_of_les_emplois(name, slug):
    assert commune_slug(Place("13000", name)) == slug


def test_the_patterns_live_in_one_module():
    bases = [value for name, value in vars(partner_links).items() if name.isupper() and isinstance(value, str)
             and value.startswith("https://")]
    assert len(bases) == 6


def _links(html: str) -> list[tuple[str, str]]:
    """(href, rel) of every link that opens a new tab."""
    return [(unescape(href), rel) for href, rel in
            re.findall(r'<a href="([^"]+)" target="_blank" rel="([^"]+)"', html)]


def _check_no_person(html: str, *people) -> list[str]:
    urls = [href for href, rel in _links(html)]
    for href, rel in _links(html):
        assert "noopener" in rel.split()
    for url in urls:
        assert set(_query(url)) <= ALLOWED_PARAMETERS, url
        for person in people:
            for secret in (person.label, person.reference):
                assert secret not in url, (secret, url)
            assert str(person.id) not in [value for values in _query(url).values() for value in values]
            assert f"/{person.id}" not in urlsplit(url).path
    return urls


def test_the_profile_page_links_obstacles_and_target_jobs_for_the_ae_only(client, login, database):
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    person = factories.profile(org, ae, targets=("K2204",), barriers={"mobility": "pas de bus le matin",
                                                                       "childcare": "", "other": "x"})
    login(ae)
    page = client.get(f"/profils/{person.id}").text
    urls = _check_no_person(page, person)
    assert "Outils des partenaires" in page and len(urls) == 4  # 2 obstacles, 2 links for the job
    assert any("famille--garde-denfants" in url and "city=13201" in url for url in urls)
    assert any(url.startswith("https://immersion-facile.beta.gouv.fr/recherche?rome=K2204") for url in urls)
    assert any(url == "https://www.ouiform.fr/recherche?rome=K2204" for url in urls)
    cre = factories.user((org, "cre"))
    share_profile(person, cre, "cellule", by=None)
    login(cre)
    shared = client.get(f"/profils/{person.id}")
    assert shared.status_code == 200 and "Outils des partenaires" not in shared.text and not _links(shared.text)


def test_the_caseload_obstacles_link_to_dora_around_the_caseload_s_commune(client, login, database):
    org = factories.organisation(kind="france_travail", pole_code="I")
    ae = factories.user((org, "ae"))
    people = [factories.profile(org, ae, insee="13201", label=f"Sans permis {n}.", **WALKER) for n in range(2)]
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24, requires_driving_licence=True)
    login(ae)
    page = client.get("/profils/obstacles", headers={"HX-Request": "true"}).text
    urls = _check_no_person(page, *people)
    assert "Services pour le lever (DORA)" in page
    assert any("subs=mobilite--preparer-un-permis" in url and "city=13201" in url for url in urls)


def test_the_offer_page_shows_estime_to_the_ae_and_les_emplois_for_iae_offers(client, login, database):
    org = factories.organisation(kind="france_travail", pole_code="I")
    plain = factories.offer(org, contract="CDI")
    iae = factories.offer(org, contract="IAE")
    login(factories.user((org, "ae")))
    assert [href for href, _ in _links(client.get(f"/offres/{plain.id}").text)] == ["https://estime.francetravail.fr/"]
    assert len(_links(client.get(f"/offres/{iae.id}").text)) == 2
    login(factories.user((org, "cre")))
    assert not _links(client.get(f"/offres/{plain.id}").text)
    urls = [href for href, _ in _links(client.get(f"/offres/{iae.id}").text)]
    assert urls == ["https://emplois.inclusion.beta.gouv.fr/search/job-descriptions/results?city=marseille-13&distance=25"]


def test_the_events_page_links_mes_rdv_emploi(client, login, database):
    org = factories.organisation(kind="france_travail", pole_code="I")
    login(factories.user((org, "cre")))
    links = _links(client.get("/cellule/evenements").text)
    assert [href for href, _ in links] == [
        "https://mesevenementsemploi.francetravail.fr/mes-evenements-emploi/evenements?departement=13"]
