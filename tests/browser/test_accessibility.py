"""axe-core finds no violation on the main pages of every role, at laptop and phone widths,
on forms showing their errors and in the prospection board's dialog (issue 17).

axe-core is vendored under tests/browser/vendor (it is only for tests, never served) and put
into the page with page.evaluate, which the site's Content-Security-Policy does not block.
Each run prints its results per page for docs/accessibilite.md."""

from pathlib import Path

import pytest

from tests.browser.tour import EXTRA, ROLE_ACCOUNTS, log_in_as, role_pages

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js").read_text()
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
RUN = """async () => {
  const results = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "best-practice"]});
  return results.violations.map(v => `${v.id} (${v.impact}, ${v.nodes.length}): ` +
                                     v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""


def violations(page) -> list[str]:
    """axe-core's violations on the page as it stands, once its lazy sections have arrived."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(RUN)


def report(role: str, where: str, found: list[str]) -> None:
    print(f"AXE {role:10} {len(found):2} {where}")
    for line in found:
        print(f"      {line}")


@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_no_violation_on_the_main_pages(browser, live_server, role):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=LAPTOP)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS[role])
        found = {}
        for path in role_pages(page) + EXTRA.get(role, []):
            for name, size in (("1366", LAPTOP), ("390", PHONE)):
                page.set_viewport_size(size)
                page.goto(path)
                found[f"{path} @{name}"] = violations(page)
                report(role, f"{path} @{name}", found[f"{path} @{name}"])
            page.set_viewport_size(LAPTOP)
        assert {where: lines for where, lines in found.items() if lines} == {}
    finally:
        context.close()


@pytest.mark.parametrize(("role", "path", "button"), [
    ("cre", "/offres/nouvelle", "Publier l'offre"),
    ("ae", "/profils/nouveau", "Enregistrer le profil"),
    ("employer", "/espace-employeur/besoins/nouveau", "Envoyer le besoin"),
])
def test_no_violation_on_a_form_showing_its_errors(browser, live_server, role, path, button):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=LAPTOP)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS[role])
        page.goto(path)
        form = page.locator("main form[method=post]").last
        if button:
            page.get_by_role("button", name=button).click()
        else:
            form.locator("button[type=submit]").last.click()
        page.wait_for_selector(".error, .has-error, .flash-error")
        found = violations(page)
        report(role, f"{path} (erreurs)", found)
        assert found == []
    finally:
        context.close()


def test_no_violation_in_the_prospection_dialog(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="fr-FR", viewport=LAPTOP)
    page = context.new_page()
    try:
        log_in_as(page, ROLE_ACCOUNTS["cre"])
        page.goto("/prospection/I/")
        page.locator(".board-card a", has_text="Changer d'étape").first.click()
        page.locator("dialog#deplacement[open]").wait_for()
        found = violations(page)
        report("cre", "/prospection/I/ (dialogue)", found)
        assert found == []
    finally:
        context.close()
