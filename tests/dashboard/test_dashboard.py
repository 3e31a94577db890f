"""The dashboard pages: who sees which territory and organisation, the period filter, the
heavy indicators loaded as fragments, the CSV exports and the small-cell rule on the page."""

import re
from datetime import timedelta

import pytest

from tests import factories
from tests.xlsx_helpers import workbook_rows
from webapp.core import clock


@pytest.fixture
def world(database):
    """Pôle I with two partners and three hires; pôle VII with one organisation."""
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    arles = factories.organisation("France Travail Arles", pole_code="VII")
    yesterday = clock.today() - timedelta(days=1)
    for _ in range(3):
        factories.profile(ft, status="hired", hired_contract="CDI", hired_on=yesterday)
    factories.offer(ft, published_at=None, status="open")
    return {"ft": ft, "plie": plie, "arles": arles, "I": factories.pole("I").id, "VII": factories.pole("VII").id}


def _page(client, **params):
    return client.get("/tableau-de-bord/", query_string=params)


def test_a_pole_direction_sees_its_territory_with_charts_and_the_navigation_entry(client, login, world):
    login(factories.user((world["ft"], "direction", "I")))
    response = _page(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<a href="/tableau-de-bord/"' in page and ">Tableau de bord</a>" in page
    assert "Pôle I – " in page and "30 derniers jours" in page
    assert page.count('role="img"') >= 10 and "<desc>" in page
    assert "Offres d&#39;emploi" in page and "Retour à l&#39;emploi" in page
    # The obstacles are computed after the page, in a fragment.
    assert 'hx-get="/tableau-de-bord/indicateurs/obstacles.doors' in page
    assert _page(client, territoire=world["VII"]).status_code == 404
    assert _page(client, territoire="").status_code == 404  # the whole département
    assert _page(client, organisation=world["plie"].id).status_code == 200


def test_the_departement_s_managers_see_everything(client, login, world):
    service = factories.organisation("Département – service emploi", kind="departement_emploi", pole_code=None)
    for manager in (factories.user((service, "direction")), factories.user((factories.organisation(), "admin"))):
        login(manager)
        assert "Tout le département" in _page(client).get_data(as_text=True)
        assert _page(client, territoire=world["VII"], organisation=world["arles"].id).status_code == 200


def test_partners_see_their_organisation_and_their_territory_s_totals(client, login, world):
    for role in ("cre", "ae"):
        login(factories.user((world["plie"], role, "I")))
        assert _page(client).status_code == 200
        assert _page(client, organisation=world["plie"].id).status_code == 200
        assert _page(client, organisation=world["ft"].id).status_code == 404
        assert _page(client, territoire=world["VII"]).status_code == 404


def test_employers_have_no_dashboard(client, login, world):
    login(factories.employer())
    assert _page(client).status_code == 404
    assert "Tableau de bord" not in client.get("/").get_data(as_text=True)


def test_a_chosen_period_and_wrong_dates_with_a_french_message(client, login, world):
    login(factories.user((world["ft"], "direction", "I")))
    chosen = _page(client, periode="perso", debut="2026-01-01", fin="2026-03-31").get_data(as_text=True)
    assert "Du 01/01/2026 au 31/03/2026" in chosen
    assert "du 03/10/2025 au 31/12/2025" in chosen  # the previous period, for the trends
    wrong = _page(client, periode="perso", debut="2026-03-01", fin="2026-02-01")
    assert wrong.status_code == 200
    assert "La date de fin doit suivre la date de début." in wrong.get_data(as_text=True)
    assert "30 derniers jours" in wrong.get_data(as_text=True)  # the default period instead


def test_small_counts_of_people_never_reach_the_page_nor_the_export(client, login, world):
    login(factories.user((world["ft"], "direction", "I")))
    page = _page(client).get_data(as_text=True)
    hires = re.search(r'<span class="headline-value">([^<]*)</span>\s*<span class="headline-label">'
                      r"personnes embauchées</span>", page)
    assert hires.group(1) == "&lt; 5"
    export = client.get("/tableau-de-bord/export/people.stages.csv")
    text = export.get_data(as_text=True)
    assert export.mimetype == "text/csv" and text.startswith("\ufeffIndicateur;Personnes à chaque étape")
    assert "Territoire;Pôle I – " in text and "Embauchées;< 5;0" in text
    assert "< 5;moins de 5 personnes" in text
    assert 'filename="indicateur-people-stages-' in export.headers["Content-Disposition"]


def test_the_export_follows_the_selection_and_unknown_indicators_are_404(client, login, world):
    login(factories.user((world["plie"], "cre", "I")))
    export = client.get("/tableau-de-bord/export/offers.pooled.csv", query_string={"organisation": world["plie"].id})
    assert "Organisation;PLIE Marseille" in export.get_data(as_text=True)
    assert client.get("/tableau-de-bord/export/offers.pooled.csv",
                      query_string={"organisation": world["ft"].id}).status_code == 404
    assert client.get("/tableau-de-bord/export/nothing.here.csv").status_code == 404


def test_the_heavy_indicators_come_as_a_fragment(client, login, world):
    login(factories.user((world["ft"], "direction", "I")))
    response = client.get("/tableau-de-bord/indicateurs/obstacles.doors", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert "Les obstacles qui ferment le plus de portes" in fragment
    assert "HX-Request" in response.headers["Vary"]


def test_the_indicator_workbook_has_numbers_and_the_same_masks(client, login, world):
    login(factories.user((world["ft"], "direction", "I")))
    sheet, rows = workbook_rows(client.get("/tableau-de-bord/export/people.stages.xlsx"))
    assert rows[0][:2] == ["Indicateur", "Personnes à chaque étape"]
    assert ["Embauchées", "< 5", 0] == rows[[row[0] for row in rows].index("Embauchées")][:3]
    assert sheet.freeze_panes == "A7" and sheet.auto_filter.ref.startswith("A6:")
    assert "/tableau-de-bord/export/people.stages.xlsx" in client.get(
        "/tableau-de-bord/indicateurs/people.stages").text
    assert client.get("/tableau-de-bord/export/nothing.here.xlsx").status_code == 404
