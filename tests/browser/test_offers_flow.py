"""A CRE posts an offer with the two autocompletes; a CRE of another organisation of the same
territory finds it in the pool with a radius filter, live, in a URL that can be bookmarked."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from webapp.core import clock

TITLE = "Agent d'entretien de bureaux (essai navigateur)"


def _choose(page, label: str, typed: str, option: str) -> None:
    """Type in an autocomplete and pick a suggestion."""
    page.get_by_label(label).fill(typed)
    page.get_by_role("option", name=re.compile(option)).first.click()


def test_an_offer_posted_by_one_cre_is_found_by_another_organisation_with_a_radius(page, log_in):
    log_in("cre@demo.passerelle.fr")
    page.get_by_role("link", name="Offres", exact=True).click()
    page.get_by_role("link", name="Déposer une offre").click()
    page.get_by_label("Intitulé").fill(TITLE)
    _choose(page, "Métier (code ROME)", "agent d'entretien", r"propreté de locaux \(K2205\)")
    _choose(page, "Lieu de travail", "Marseille 5", r"Marseille 5e")
    expect(page.locator("#rome_code")).to_have_value("K2205")
    expect(page.locator("#commune_insee")).to_have_value("13205")
    page.get_by_label("Date de début").fill((clock.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Nombre de postes").fill("2")
    page.get_by_role("button", name="Publier l'offre").click()
    page.wait_for_url(re.compile(r"/offres/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".badge", has_text="Ouverte")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    log_in("cre.plie@demo.passerelle.fr")
    page.goto("/offres/")
    _choose(page, "Autour de la commune", "Marseille 1", r"Marseille 1er")
    page.get_by_label("Rayon").select_option("5")
    expect(page).to_have_url(re.compile(r"commune=13201.*rayon=5|rayon=5.*commune=13201"))
    page.get_by_label("Rechercher dans l'intitulé et la description").fill("navigateur")
    expect(page).to_have_url(re.compile(r"q=navigateur"))
    results = page.locator("#resultats")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    expect(results).to_contain_text("à moins de 5 km de Marseille 1er")
    bookmarked = page.url
    assert "q=navigateur" in bookmarked and "-search" not in bookmarked
    page.goto(bookmarked)  # the URL alone gives the same list back
    expect(page.locator("#resultats").get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_label("Rayon").select_option("5")
    page.get_by_label("Autour de la commune").fill("Arles")
    page.get_by_role("option", name=re.compile("^Arles")).first.click()
    expect(page).to_have_url(re.compile(r"/offres/\?.*commune=13004"))
    expect(page.locator("#resultats").get_by_role("link", name=TITLE)).to_have_count(0)
