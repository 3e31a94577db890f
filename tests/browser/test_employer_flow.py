"""An employer posts a hiring need with the autocompletes and sees it taken by a named CRE."""

from datetime import timedelta

from playwright.sync_api import expect

from webapp.core import clock
from webapp.demo import DEMO_PASSWORD

JOB_TITLE = "Plongeur pour le test navigateur"


def _choose(page, label: str, typed: str, suggestion: str) -> None:
    """Type in an autocomplete and pick the suggestion that contains `suggestion`."""
    box = page.get_by_role("combobox", name=label)
    box.fill(typed)
    page.locator(".suggestion", has_text=suggestion).first.click()


def test_an_employer_posts_a_need_and_sees_it_taken_by_a_cre(browser, live_server, log_in, page):
    log_in("employeur@demo.passerelle.fr")
    page.get_by_role("link", name="Mon espace employeur").click()
    page.get_by_role("link", name="Déposer un besoin de recrutement").click()
    _choose(page, "Métier recherché", "plongeur", "G1605")
    page.get_by_label("Intitulé du poste, avec vos mots (facultatif)").fill(JOB_TITLE)
    _choose(page, "Lieu de travail", "13001", "Marseille 1er")
    # a whole postal code typed is kept as the need's finer place
    expect(page.get_by_label("Code postal du lieu de travail")).to_have_value("13001")
    page.get_by_label("Nombre de personnes à recruter").fill("2")
    page.get_by_label("Heures par semaine").fill("24,5")
    page.get_by_label("Travail le week-end").check()
    page.get_by_label("Date de début souhaitée").fill(
        (clock.today() + timedelta(days=15)).isoformat()
    )
    page.get_by_role("button", name="Envoyer le besoin").click()
    page.wait_for_url("**/espace-employeur/besoins/*")
    expect(page.locator(".need-follower")).to_have_text("Personne pour l'instant")
    need_url = page.url

    cre_context = browser.new_context(base_url=live_server, locale="fr-FR")
    cre_page = cre_context.new_page()
    cre_page.goto("/connexion")
    cre_page.get_by_label("Adresse e-mail").fill("cre@demo.passerelle.fr")
    cre_page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    cre_page.get_by_role("button", name="Se connecter").click()
    cre_page.wait_for_url("**/")
    cre_name = cre_page.locator(".account .account-name").inner_text()
    cre_page.get_by_role("link", name="Besoins des employeurs").click()
    row = cre_page.locator("tr", has_text=JOB_TITLE)
    row.get_by_role("button", name="Prendre").click()  # htmx: the row is swapped in place
    expect(row.get_by_text("Pris en charge : vous le suivez.")).to_be_visible()
    cre_context.close()

    page.goto(need_url)
    expect(page.locator(".need-follower")).to_have_text(cre_name)
    expect(page.locator(".need-status .badge")).to_have_text("Pris en charge par un CRE")
