"""The dashboard in a real browser: the direction of pôle Marseille I opens it from the menu,
the charts are drawn, the obstacles arrive after the page, the figures unfold."""


def test_the_direction_opens_the_dashboard_and_the_charts_are_drawn(page, log_in):
    log_in("direction@demo.passerelle.fr")
    page.get_by_role("link", name="Tableau de bord").click()
    page.wait_for_url("**/tableau-de-bord/")
    assert page.get_by_role("heading", name="Tableau de bord", level=1).is_visible()
    assert "Pôle I" in page.locator(".dashboard-scope").inner_text()

    charts = page.locator("svg.chart[role=img]")
    assert charts.count() >= 10
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 200 and box["height"] > 30
        assert chart.get_attribute("aria-label")
    funnel = page.locator("#chart-funnel")
    assert funnel.locator("rect").count() >= 5  # one bar (or masked stub) per step
    assert "Cartes préparées" in funnel.get_attribute("aria-label")

    obstacles = page.locator("#indicateur-obstacles-doors")
    obstacles.wait_for(timeout=30_000)  # computed after the page, in a fragment
    assert obstacles.locator("svg.chart").is_visible()

    figures = page.locator("#indicateur-offers-pooled details")
    figures.locator("summary").click()
    assert figures.locator("table").is_visible()
    assert figures.get_by_role("link", name="Télécharger ces chiffres (CSV)").is_visible()


def test_a_period_of_twelve_months_is_chosen_in_the_form(page, log_in):
    log_in("direction@demo.passerelle.fr")
    page.goto("/tableau-de-bord/")
    page.get_by_label("Période", exact=True).select_option("annee")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**periode=annee**")
    assert "12 derniers mois" in page.locator(".dashboard-scope").inner_text()
    assert page.locator("svg.chart").first.is_visible()
