"""The dashboard's map of the département (issue 17, "Maps"): offers by commune, people by
pôle with the small-cell rule applied on the map as in its table."""

import re
from datetime import date

from tests import factories
from tests.dashboard.test_indicators_offers import IN_OCTOBER, compute, rows

MARSEILLE_1, ARLES, AIX = "13201", "13004", "13001"


def _title(svg: str, map_id: str, insee: str) -> str:
    one = svg[svg.index(f'id="{map_id}"'):]
    one = one[:one.index("</svg>")]
    match = re.search(rf'fill="([^"]+)" data-insee="{insee}"><title>([^<]+)</title>', one)
    return match.group(1), match.group(2)


def test_hires_by_pole_are_masked_on_the_map_as_in_the_table(database):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi",
                                 pole_code=None)
    for insee, hires in ((MARSEILLE_1, 7), (AIX, 6), (ARLES, 2)):
        for _ in range(hires):
            factories.profile(org, insee=insee, status="hired", hired_contract="CDI",
                              hired_on=date(2026, 10, 20))
    factories.offer(org, insee=ARLES, title="Cariste", rome_code="N1101", published_at=IN_OCTOBER)

    result = compute("territory.map")
    table = rows(result)
    hired = {name.split(" – ")[0]: figures[2] for name, figures in table.items()}
    assert hired["Pôle I"] == "7"
    assert hired["Pôle VII"] == "< 5"  # 2 people
    assert hired["Pôle VI"] == "n.c."  # 6, masked so that 15 - 7 does not give Arles's 2 away
    svg = str(result.chart)
    assert _title(svg, "carte-embauches", MARSEILLE_1)[1].endswith(" : 7")
    fill, title = _title(svg, "carte-embauches", ARLES)
    assert fill == "url(#carte-embauches-masked)" and title == "Arles : &lt; 5"
    assert _title(svg, "carte-embauches", AIX)[0] == "url(#carte-embauches-masked)"
    assert "masqué (&lt; 5)" in svg
    assert _title(svg, "carte-offres-publiees", ARLES)[1] == "Arles : 1"
    assert table["Pôle VII – Pôle d'insertion d'Arles"][0] == "1"
    for map_id in ("carte-offres-publiees", "carte-personnes-pretes", "carte-embauches"):
        assert f'<title id="{map_id}-title">' in svg and f'<desc id="{map_id}-desc">' in svg
