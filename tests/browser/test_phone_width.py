"""At 390 px wide (a phone) no page scrolls sideways, for every role; at 1366 px the navigation
bar holds on one line (issue 17). Prints each page's width for docs/accessibilite.md."""

import pytest

from tests.browser.tour import EXTRA, ROLE_ACCOUNTS, log_in_as, role_pages

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
WIDTH = "() => document.documentElement.scrollWidth"


@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, role):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS[role])
        widths = {}
        for path in role_pages(page) + EXTRA.get(role, []):
            page.goto(path)
            widths[path] = page.evaluate(WIDTH)
        for path, width in widths.items():
            print(f"{role:10} {width:5} px  {path}")
        assert {path: width for path, width in widths.items() if width > PHONE["width"]} == {}
    finally:
        context.close()


@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_the_navigation_holds_on_one_line_on_a_laptop(browser, live_server, role):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=LAPTOP)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS[role])
        header = page.locator(".site-header").bounding_box()["height"]
        tops = page.eval_on_selector_all(
            "nav[aria-label='Navigation principale'] li",
            "items => [...new Set(items.map(item => Math.round(item.getBoundingClientRect().top)))]",
        )
        account = page.locator(".site-header .account").bounding_box()
        brand = page.locator(".site-header .brand").bounding_box()
        print(f"{role:10} header {header:.0f} px, navigation lines {len(tops)}")
        assert len(tops) == 1
        assert account["y"] < brand["y"] + brand["height"]  # beside the brand, not a row of its own
        assert header < 130
    finally:
        context.close()


def test_the_phone_menu_folds_and_unfolds(browser, live_server):
    from playwright.sync_api import expect

    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS["cre"])
        navigation = page.get_by_role("navigation", name="Navigation principale")
        expect(navigation).to_be_hidden()
        page.get_by_role("button", name="Menu").click()
        expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "true")
        navigation.get_by_role("link", name="Offres", exact=True).click()
        page.wait_for_url("**/offres/")
        assert page.evaluate(WIDTH) <= PHONE["width"]
    finally:
        context.close()
