"""A person's map in their "À portée" section (issue 17, "Maps"): the communes within their
travel time by each of their modes, the offers in reach, the display logged."""

import re

from sqlalchemy import select

from tests import factories
from tests.shortlists.test_shortlists import WALKER, _ae_with_people
from webapp.core.models import AccessLog

MARSEILLE_1, MARSEILLE_5, ARLES = "13201", "13205", "13004"


def _path(page: str, insee: str) -> tuple[str, str]:
    match = re.search(rf'fill="([^"]+)" data-insee="{insee}"><title>([^<]+)</title>', page)
    return match.group(1), match.group(2)


def test_the_map_shows_the_communes_in_reach_by_mode_and_the_offers_and_is_logged(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, insee=MARSEILLE_1, targets=("N1103",), **WALKER)
    factories.offer(org, insee=MARSEILLE_5, rome_code="N1103", title="Préparateur de commandes H/F",
                    hours_per_week=30)
    login(ae)
    page = client.get(f"/profils/{person.id}/a-portee", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert '<svg class="chart map" id="carte-portee"' in page
    assert '<title id="carte-portee-title">Communes à portée et offres</title>' in page
    assert "à moins de 45 min (à pied, transports en commun)" in page
    fill, title = _path(page, MARSEILLE_5)
    assert fill != "#f2f4f8" and re.fullmatch(r"Marseille 5e Arrondissement : (à pied|transports en "
                                              r"commun) \d+ min, .+ \d+ min", title)
    assert _path(page, ARLES) == ("#f2f4f8", "Arles : hors de portée")  # 70 km away
    assert re.search(r'class="map-count">1</text>', page)  # the offer, on the 5e
    figures = page[page.index("Voir les chiffres"):]
    assert re.search(r"<th scope=\"row\">Marseille 5e Arrondissement</th><td>[^<]+</td><td>1</td>", figures)
    logged = database.session.scalars(select(AccessLog).where(AccessLog.profile_id == person.id)).all()
    assert [(entry.action, entry.page) for entry in logged] == [("view", f"/profils/{person.id}/a-portee")]


def test_a_person_without_a_mode_has_no_commune_in_reach(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, insee=MARSEILLE_1, **{**WALKER, "mobility_modes": []})
    login(ae)
    page = client.get(f"/profils/{person.id}/a-portee", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "0 communes à moins de 45 min (aucun mode renseigné)" in page
    assert "Aucune donnée pour cette sélection." in page
