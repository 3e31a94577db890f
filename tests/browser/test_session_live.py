"""The session screen live: what one member types appears on the others' screens without a
reload, through the screen's one poll, and only the list that changed is replaced."""

from playwright.sync_api import expect

from tests.browser.test_cellule_loop import CRE_EMAIL, logged_in


def open_next_session(page) -> None:
    page.get_by_role("link", name="Cellule emploi", exact=True).click()
    page.locator("tr", has_text="Marseille I ").get_by_role("link", name="Séance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Séance du")


def test_a_line_typed_by_one_member_appears_on_the_animateur_s_screen(browser, live_server):
    with logged_in(browser, live_server, "animateur@demo.passerelle.fr") as animateur, \
            logged_in(browser, live_server, CRE_EMAIL) as cre:
        open_next_session(animateur)
        open_next_session(cre)
        first_person = animateur.locator("section.person-block").first
        first_person.locator(".line-list").evaluate("list => list.dataset.untouched = 'oui'")
        general = cre.locator("#bloc-general")
        general.get_by_label("Type").select_option("decision")
        general.get_by_label("Texte").fill("Forum de l'emploi le 10 : on y va ensemble")
        general.get_by_role("button", name="Ajouter la ligne").click()  # htmx: no reload
        expect(general.locator(".session-lines")).to_contain_text("Forum de l'emploi le 10")

        shown = animateur.locator("#bloc-general .session-lines")
        expect(shown).to_contain_text("Forum de l'emploi le 10", timeout=30_000)
        # the list nobody changed was left as it was (not swapped by the poll)
        expect(first_person.locator(".line-list[data-untouched='oui']")).to_have_count(1)
