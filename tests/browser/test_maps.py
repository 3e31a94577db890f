"""The maps in a real browser (issue 17, "Maps"): drawn on the offer pool, on a profile and
on the dashboard, with their figures behind "Voir les chiffres"; prints each map's weight."""

from playwright.sync_api import expect

from tests.browser.tour import ROLE_ACCOUNTS, log_in_as

SIZE = "svg => new Blob([svg.outerHTML]).size"


def _check(page, map_id: str) -> int:
    svg = page.locator(f"svg#{map_id}")
    svg.scroll_into_view_if_needed()
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    assert svg.locator("path[data-insee]").count() == 134
    weight = svg.evaluate(SIZE)
    print(f"MAP {map_id} {weight} bytes")
    return weight


def test_the_maps_are_drawn_on_the_pool_a_profile_and_the_dashboard(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS["ae"])
        page.goto("/offres/?commune=13205&rayon=10")
        assert _check(page, "carte-offres") < 60_000
        assert page.locator("svg#carte-offres circle.radius").count() == 1
        figures = page.locator(".map-figures").first
        figures.locator("summary").click()
        expect(figures.locator("table")).to_be_visible()

        page.goto("/profils/")
        first = page.eval_on_selector_all(
            "main a[href]", "links => links.map(l => l.getAttribute('href'))"
            ".filter(h => /^\\/profils\\/\\d+$/.test(h))")[0]
        page.goto(first)
        page.locator("svg#carte-portee").wait_for(timeout=30_000)
        assert _check(page, "carte-portee") < 60_000

        context.clear_cookies()
        log_in_as(page, ROLE_ACCOUNTS["direction"])
        page.goto("/tableau-de-bord/")
        page.locator("svg#carte-embauches").wait_for(timeout=30_000)
        for map_id in ("carte-offres-publiees", "carte-personnes-pretes", "carte-embauches"):
            assert _check(page, map_id) < 60_000
    finally:
        context.close()
