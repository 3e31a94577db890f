"""The offer pool's map (issue 17, "Maps"): offers per commune on the outlines of the
département, the search radius, and the same figures behind "Voir les chiffres"."""

import re

from tests import factories
from tests.offers.test_offer_pool import AUBAGNE, MARSEILLE_11, _departement_cre
from webapp.offers.pool import PoolFilters, pool_page
from webapp.offers.pool_map import pool_map

ARLES = "13004"


def _fill(svg: str, insee: str) -> str:
    return re.search(rf'<path d="[^"]+" fill="([^"]+)" data-insee="{insee}">', svg).group(1)


def test_the_map_counts_the_filtered_offers_by_commune_and_draws_the_radius(client, login, database):
    org, cre = _departement_cre()
    for n in range(3):
        factories.offer(org, insee=AUBAGNE, title=f"Cariste {n}", rome_code="N1101")
    factories.offer(org, insee=ARLES, title="Cariste à Arles", rome_code="N1101")
    login(cre)
    page = client.get(f"/offres/?commune={MARSEILLE_11}&rayon=20").get_data(as_text=True)
    svg = page[page.index('<svg class="chart map"'):page.index("</svg>", page.index('<svg class="chart map"'))]
    assert "<title id=\"carte-offres-title\">Offres du vivier par commune</title>" in svg
    assert "<title>Aubagne : 3</title>" in svg and "<title>Arles : 0</title>" in svg
    assert svg.count("data-insee=") == 134  # every commune and arrondissement drawn
    assert _fill(svg, AUBAGNE) != _fill(svg, ARLES)  # Arles is out of the radius: empty
    assert 'class="radius"' in svg and "Marseille 11e Arrondissement · 20 km" in svg
    figures = page[page.index("Voir les chiffres"):]
    assert re.search(r"<th scope=\"row\">Aubagne</th><td>3</td>", figures)
    assert "Arles</th>" not in figures


def test_without_a_commune_there_is_no_circle_and_every_offer_counts(database):
    org, cre = _departement_cre()
    factories.offer(org, insee=AUBAGNE, title="Cariste", rome_code="N1101")
    factories.offer(org, insee=ARLES, title="Cariste", rome_code="N1101")
    view = pool_map(pool_page(cre, PoolFilters()))
    assert 'class="radius"' not in view.svg
    assert dict(view.rows) == {"Aubagne": "1", "Arles": "1"}
    assert "2 offres correspondant aux filtres, réparties sur 2 communes" in view.svg
