"""The animateur arranges the next session's agenda in place (htmx): a point moves up with its
one « Monter » button, a note is saved, and the page is never reloaded."""

import re

from playwright.sync_api import expect

from tests.browser.test_cellule_loop import logged_in


def test_the_animateur_moves_a_point_and_notes_it_without_reloading(browser, live_server):
    with logged_in(browser, live_server, "animateur@demo.passerelle.fr") as page:
        page.get_by_role("link", name="Cellule emploi", exact=True).click()
        page.locator("tr", has_text="Marseille I ").get_by_role("link", name="Ordre du jour").click()
        people = page.locator("#bloc-proposals .agenda-entry")
        expect(people.nth(1)).to_be_visible()
        second = people.nth(1).get_attribute("id")
        page.evaluate("window.sameDocument = true")  # gone if the page reloads
        people.nth(1).get_by_role("button", name=re.compile("^Monter")).click()
        expect(people.first).to_have_attribute("id", second)
        moved = people.first
        moved.get_by_label("Note de l'animateur").fill("À présenter en premier")
        moved.get_by_role("button", name=re.compile("^Enregistrer la note")).click()
        expect(people.first.get_by_label("Note de l'animateur")).to_have_value(
            "À présenter en premier")
        assert page.evaluate("window.sameDocument") is True
