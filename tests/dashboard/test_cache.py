"""The dashboard's figures kept a few minutes per selection, and the page saying so."""

from datetime import timedelta

import pytest

from tests import factories
from webapp.core import clock


@pytest.fixture
def kept_five_minutes(app):
    app.config["DASHBOARD_CACHE_SECONDS"] = 300
    app.extensions.pop("dashboard_cache", None)
    yield
    app.config["DASHBOARD_CACHE_SECONDS"] = 0
    app.extensions.pop("dashboard_cache", None)


def _hires(client) -> str:
    page = client.get("/tableau-de-bord/?periode=annee").get_data(as_text=True)
    assert "Chiffres calculés le" in page and "gardés 5 minutes" in page
    return page.split('<div class="dashboard">')[1]  # the figures, not the flashed messages


def test_figures_are_kept_five_minutes_then_computed_again(client, login, database, kept_five_minutes,
                                                            frozen_clock):
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    login(factories.user((ft, "direction", "I")))
    first = _hires(client)
    assert "20/11/2026 à 11:00" in first  # computed now, said in Paris time
    for _ in range(6):
        factories.profile(ft, status="hired", hired_contract="CDI",
                          hired_on=clock.today() - timedelta(days=1))
    database.session.commit()

    frozen_clock.shift(timedelta(minutes=4))
    assert _hires(client) == first  # the same figures, the same time of computation

    frozen_clock.shift(timedelta(minutes=2))
    again = _hires(client)
    assert "20/11/2026 à 11:06" in again and again != first


def test_each_territory_has_its_own_figures(client, login, database, kept_five_minutes):
    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    login(factories.user((ft, "direction", "I")))
    pole_one = client.get("/tableau-de-bord/").get_data(as_text=True)
    login(factories.user((ft, "admin")))
    whole = client.get("/tableau-de-bord/?territoire=").get_data(as_text=True)
    assert "Pôle I – " in pole_one and "Pôle I – " not in whole.split("dashboard-scope")[1][:200]


def test_the_figures_html_is_rendered_once_per_computation_for_every_reader(
        app, client, login, database, kept_five_minutes, frozen_clock):
    from flask import template_rendered

    rendered = []

    def record(_app, template, **_):
        rendered.append(template.name)

    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    template_rendered.connect(record, app)
    try:
        login(factories.user((ft, "direction", "I")))
        first = _hires(client)
        login(factories.user((ft, "direction", "I")))
        second = _hires(client)
        by_url = client.get("/tableau-de-bord/?periode=annee&organisation=").get_data(as_text=True)
        frozen_clock.shift(timedelta(minutes=6))
        _hires(client)
    finally:
        template_rendered.disconnect(record, app)
    assert second == first  # another reader of the same selection: the same figures
    # the links of the figures carry each URL's own parameters
    assert "offers.pooled.csv?periode=annee&amp;organisation=" in by_url
    assert "offers.pooled.csv?periode=annee\"" in first
    # once for the first reader, once for the other parameters, once when computed again
    assert rendered.count("dashboard/_board.html") == 3
    assert rendered.count("dashboard/index.html") == 4


def test_a_kept_dashboard_costs_only_the_page_s_layout(client, login, database, kept_five_minutes):
    from tests.core.test_page_layout_costs import statements_for

    ft = factories.organisation("France Travail Marseille 1er", pole_code="I")
    login(factories.user((ft, "direction", "I")))
    first = statements_for(database, client, "/tableau-de-bord/")
    for number in range(12):
        factories.organisation(f"Mission locale {number}", pole_code="I")
    again = statements_for(database, client, "/tableau-de-bord/")
    # the user with their memberships, the bell; the figures and the choices are kept
    assert again == 2 < first
