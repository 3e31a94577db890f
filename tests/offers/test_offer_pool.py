"""The pool: filters that combine (radius on real communes), sorting, paging, htmx, CSV export."""

import csv
import io
from datetime import timedelta

import pytest

from tests import factories
from webapp.core import clock
from webapp.offers.pool import PoolFilters, pool_page
from webapp.offers.radius import communes_within, great_circle_km

AUBAGNE, MARSEILLE_11, ARLES, MARSEILLE_5 = "13005", "13211", "13004", "13205"


def _departement_cre():
    """A CRE of the Département's service emploi, whose territory is the whole département."""
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi", pole_code=None)
    return org, factories.user((org, "cre"))


def _titles(user, **filters) -> list[str]:
    return [row.title for row in pool_page(user, PoolFilters(**filters), size=100).rows]


def test_great_circle_distances_between_real_communes(database):
    aubagne, arles = factories.commune(AUBAGNE), factories.commune(ARLES)
    marseille_11 = factories.commune(MARSEILLE_11)
    assert 5 < great_circle_km(aubagne.lat, aubagne.lon, marseille_11.lat, marseille_11.lon) < 9
    assert 65 < great_circle_km(arles.lat, arles.lon, marseille_11.lat, marseille_11.lon) < 80
    within = communes_within(MARSEILLE_11, 20)
    assert AUBAGNE in within and ARLES not in within and MARSEILLE_11 in within
    assert within[MARSEILLE_11] == 0


def test_an_offer_in_aubagne_is_within_20_km_of_marseille_11e_but_not_of_arles(client, login, database):
    org, cre = _departement_cre()
    factories.offer(org, insee=AUBAGNE, title="Cariste à Aubagne", rome_code="N1101")
    login(cre)
    near = client.get(f"/offres/?commune={MARSEILLE_11}&rayon=20").get_data(as_text=True)
    far = client.get(f"/offres/?commune={ARLES}&rayon=20").get_data(as_text=True)
    assert "Cariste à Aubagne" in near and "à moins de 20 km de Marseille 11e" in near
    assert "Cariste à Aubagne" not in far


def test_filters_combine(database):
    org, cre = _departement_cre()
    plie = factories.organisation("PLIE test", kind="plie", pole_code=None)
    now = clock.now()
    factories.offer(org, title="Agent d'entretien", rome_code="K2204", contract="CDI",
                    immersion_possible=True, published_at=now - timedelta(days=2))
    factories.offer(org, title="Agent de propreté urbaine", rome_code="K2303", contract="CDD",
                    published_at=now - timedelta(days=40))
    factories.offer(plie, title="Aide à domicile", rome_code="K1304", contract="CDI",
                    description="Entretien du logement chez les personnes âgées", published_at=now)
    factories.offer(org, title="Cariste", rome_code="N1101", contract="CDI", insee=ARLES,
                    immersion_possible=True, published_at=now)
    factories.offer(org, title="Ancienne offre pourvue", rome_code="K2204", status="filled")
    assert len(_titles(cre)) == 4  # open only, by default
    assert len(_titles(cre, status="tous")) == 5
    assert _titles(cre, family="K22") == ["Agent d'entretien"]
    assert sorted(_titles(cre, family="K")) == ["Agent d'entretien", "Agent de propreté urbaine", "Aide à domicile"]
    assert _titles(cre, rome_code="K2303") == ["Agent de propreté urbaine"]
    assert sorted(_titles(cre, family="K", contract="CDI")) == ["Agent d'entretien", "Aide à domicile"]
    assert sorted(_titles(cre, immersion=True)) == ["Agent d'entretien", "Cariste"]
    assert _titles(cre, immersion=True, commune_insee=MARSEILLE_5, radius_km=20) == ["Agent d'entretien"]
    assert _titles(cre, organisation_id=plie.id) == ["Aide à domicile"]
    assert "Agent de propreté urbaine" not in _titles(cre, days=30)
    assert sorted(_titles(cre, text="entretien")) == ["Agent d'entretien", "Aide à domicile"]  # description too
    assert _titles(cre, text="ENTRETIEN agent") == ["Agent d'entretien"]  # every word, any case
    assert _titles(cre, text="100%_") == []  # wildcards typed are plain characters


def test_the_pool_shows_only_what_the_user_may_see(database):
    ft_i = factories.organisation("FT Marseille Centre", pole_code="I")
    plie_i = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    arles = factories.organisation("FT Arles", pole_code="VII")
    cre = factories.user((ft_i, "cre"))
    factories.offer(ft_i, title="La mienne")
    factories.offer(plie_i, title="Partagée du PLIE")
    factories.offer(plie_i, title="Réservée au PLIE", visibility="organisation")
    factories.offer(arles, insee=ARLES, title="À Arles")
    merged = factories.offer(plie_i, title="Fusionnée")
    merged.merged_into_id = factories.offer(ft_i, title="Survivante").id
    # the pool is the département's: a shared offer of another pôle too, never another
    # organisation's private one
    assert sorted(_titles(cre)) == ["La mienne", "Partagée du PLIE", "Survivante", "À Arles"]


def _pole_i_world():
    ft_i = factories.organisation("FT Marseille Centre", pole_code="I")
    arles = factories.organisation("FT Arles", pole_code="VII")
    factories.offer(ft_i, insee=MARSEILLE_5, title="Vendeur à Marseille 5e")
    factories.offer(arles, insee=ARLES, title="Cariste à Arles")
    factories.offer(arles, insee=AUBAGNE, title="Agent à Aubagne")  # pôle of Aubagne, not I
    factories.offer(arles, insee=ARLES, title="Réservée à FT Arles", visibility="organisation")
    return ft_i


@pytest.mark.parametrize("role", ["cre", "ae"])
def test_the_list_opens_on_the_users_territory_and_says_so(client, login, database, role):
    login(factories.user((_pole_i_world(), role)))
    page = client.get("/offres/").get_data(as_text=True)
    assert "Offres de votre territoire : <strong>Marseille I</strong>" in page
    assert "Vendeur à Marseille 5e" in page and "Cariste à Arles" not in page
    assert 'href="/offres/?perimetre=departement">Tout le département</a>' in page


@pytest.mark.parametrize("role", ["cre", "ae"])
def test_the_whole_department_is_one_click_away_and_kept_in_the_url(client, login, database, role):
    login(factories.user((_pole_i_world(), role)))
    page = client.get("/offres/?perimetre=departement&contrat=CDI").get_data(as_text=True)
    for title in ("Vendeur à Marseille 5e", "Cariste à Arles", "Agent à Aubagne"):
        assert title in page
    assert "Réservée à FT Arles" not in page  # organisation-private stays private
    assert '<input type="hidden" name="perimetre" value="departement">' in page  # kept by filters
    assert "Revenir à votre territoire : Marseille I" in page
    csv_text = client.get("/offres/export.csv?perimetre=departement").get_data(as_text=True)
    assert "Cariste à Arles" in csv_text
    assert "Cariste à Arles" not in client.get("/offres/export.csv").get_data(as_text=True)


def test_a_radius_search_reaches_every_offer_of_the_department_within_it(client, login, database):
    login(factories.user((_pole_i_world(), "cre")))
    page = client.get(f"/offres/?commune={MARSEILLE_5}&rayon=30").get_data(as_text=True)
    assert "Vendeur à Marseille 5e" in page and "Agent à Aubagne" in page
    assert "Cariste à Arles" not in page  # 70 km away
    assert "les offres de tout le département dans ce rayon" in page


def test_sorting_by_distance_then_by_title(database):
    org, cre = _departement_cre()
    factories.offer(org, insee=AUBAGNE, title="B à Aubagne")
    factories.offer(org, insee=MARSEILLE_11, title="C à Marseille 11e")
    factories.offer(org, insee=MARSEILLE_5, title="A à Marseille 5e")
    by_distance = pool_page(cre, PoolFilters(commune_insee=MARSEILLE_11, radius_km=30, sort="distance")).rows
    assert [row.title for row in by_distance] == ["C à Marseille 11e", "B à Aubagne", "A à Marseille 5e"]
    assert by_distance[0].distance_km == 0 and 5 < by_distance[1].distance_km < 9
    assert _titles(cre, sort="title") == ["A à Marseille 5e", "B à Aubagne", "C à Marseille 11e"]


def test_pages_count_and_badges(client, login, database):
    org, cre = _departement_cre()
    for number in range(30):
        factories.offer(org, title=f"Offre {number:02d}", published_at=clock.now() - timedelta(hours=number),
                        immersion_possible=number == 0, contract="CDD")
    login(cre)
    first = client.get("/offres/").get_data(as_text=True)
    assert "<strong>30</strong> offres" in first and "Page 1 sur 2" in first
    assert '<span class="badge good">Ouverte</span>' in first
    assert '<span class="badge good">Immersion possible</span>' in first and '<span class="badge ">CDD</span>' in first
    second = client.get("/offres/?page=2").get_data(as_text=True)
    assert second.count('href="/offres/') >= 5 and "Offre 29" in second and "Offre 00" not in second


def test_live_filtering_answers_a_fragment_and_keeps_the_url(client, login, database):
    org, cre = _departement_cre()
    factories.offer(org, title="Agent d'entretien", rome_code="K2204")
    login(cre)
    page = client.get("/offres/").get_data(as_text=True)
    assert 'hx-get="/offres/"' in page and 'hx-push-url="true"' in page and 'id="resultats"' in page
    response = client.get("/offres/?famille=K22&statut=tous", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert "Agent d&#39;entretien" in fragment and "HX-Request" in response.headers["Vary"]
    assert 'href="/offres/export.csv?famille=K22&amp;statut=tous"' in fragment


@pytest.mark.parametrize("query", ["", "?famille=K22", f"?commune={MARSEILLE_11}&rayon=20&tri=distance"])
def test_the_csv_export_holds_exactly_the_filtered_list(client, login, database, query):
    org, cre = _departement_cre()
    firm = factories.company("Net Provence Services", siret="45218739600018")
    factories.offer(org, title="Agent d'entretien", rome_code="K2204", company_id=firm.id, insee=AUBAGNE)
    factories.offer(org, title="Cariste", rome_code="N1101", insee=ARLES)
    factories.offer(org, title="Agent de service", rome_code="K2204", insee=MARSEILLE_11, hours_per_week=17.5)
    login(cre)
    on_screen = [line for line in client.get(f"/offres/{query}").get_data(as_text=True).splitlines()
                 if line.strip().startswith('<td><a href="/offres/')]
    response = client.get(f"/offres/export.csv{query}")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert text.startswith("\ufeffRéférence;Intitulé;Code ROME")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))[1:]
    assert len(rows) == len(on_screen)
    for row, line in zip(rows, on_screen, strict=True):
        assert row[1].replace("'", "&#39;") in line  # same offers, same order
    if "distance" in query:
        assert [row[1] for row in rows] == ["Agent de service", "Agent d'entretien"]
        assert rows[1][3:5] == ["Net Provence Services", "45218739600018"] and rows[1][7] == "6,5"
        assert rows[0][9] == "17,5"
