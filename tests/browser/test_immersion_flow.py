"""From a person's profile to a hire: the AE finds a welcoming company within reach, proposes an
immersion, the employer accepts it, and the AE records the convention, the days and a hire."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from webapp.core import clock
from webapp.demo import DEMO_PASSWORD

HOST = "Autocars Ventoulet"  # the demo employer's company: welcoming, in Marseille 1er, buses


def _choose(page, label: str, typed: str, suggestion: str) -> None:
    """Type in an autocomplete and pick the suggestion that contains `suggestion`."""
    page.get_by_role("combobox", name=label).fill(typed)
    page.locator(".suggestion", has_text=suggestion).first.click()


def _log_in_elsewhere(browser, live_server, email: str):
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto("/connexion")
    tab.get_by_label("Adresse e-mail").fill(email)
    tab.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Se connecter").click()
    tab.wait_for_url("**/")
    return context, tab


def _new_person(page) -> None:
    """A person living in Marseille 1er who wants to drive buses, consent given."""
    page.get_by_role("link", name="Mes personnes suivies").click()
    page.get_by_role("link", name="Nouveau profil").click()
    page.get_by_label("Nom d'usage").fill("Maëlle D.")
    _choose(page, "Commune de résidence", "13001", "Marseille 1er")
    _choose(page, "Métier visé n° 1", "conducteur de bus", "N4103")
    page.get_by_label("Transports en commun").check()
    page.get_by_label("La personne accepte d'être présentée aux employeurs").check()
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maëlle D.")


def test_from_a_profile_to_a_hire_through_an_immersion(browser, live_server, log_in, page):
    log_in("ae@demo.passerelle.fr")
    _new_person(page)
    host_card = page.locator("#a-portee .match-card", has_text=HOST)  # loaded by htmx
    host_card.get_by_role("link", name=re.compile("Proposer une immersion")).click()

    today = clock.today()
    expect(page.get_by_label("Entreprise d'accueil")).to_contain_text(HOST)
    page.get_by_label("Objectif").select_option(label="Initier une démarche de recrutement")
    page.get_by_label("Premier jour").fill(today.isoformat())
    page.get_by_label("Dernier jour").fill((today + timedelta(days=4)).isoformat())
    page.get_by_role("button", name="Proposer l'immersion").click()
    expect(page.get_by_text("proposée à Autocars Ventoulet")).to_be_visible()
    expect(page.locator(".page-head .badge")).to_have_text("Proposée")
    reference = page.get_by_role("heading", level=1).inner_text().removeprefix("Immersion ")
    immersion_url = page.url

    employer_context, employer = _log_in_elsewhere(browser, live_server, "employeur@demo.passerelle.fr")
    employer.get_by_role("link", name="Immersions", exact=True).click()
    row = employer.locator("tr", has_text=reference)
    expect(row).to_contain_text("Personne suivie par")  # no name before the convention
    expect(row).not_to_contain_text("Maëlle")
    row.get_by_role("link", name=reference).click()
    employer.get_by_label("Tuteur ou tutrice : prénom et nom").fill("Léa Démo-Martin")
    employer.get_by_role("button", name="Accepter l'immersion").click()
    expect(employer.locator(".page-head .badge")).to_have_text("Acceptée par l'entreprise")
    employer_context.close()

    page.goto(immersion_url)
    expect(page.get_by_text("Léa Démo-Martin")).to_be_visible()
    page.get_by_label("Référence de la convention signée").fill("IF-NAVIGATEUR-1")
    page.get_by_role("button", name="Enregistrer la convention signée").click()
    expect(page.locator(".page-head .badge")).to_have_text("Convention signée")
    page.get_by_role("button", name="Noter le début de l'immersion").click()
    expect(page.locator(".page-head .badge")).to_have_text("En cours")
    page.get_by_role("button", name="Noter la fin de l'immersion").click()
    expect(page.locator(".page-head .badge")).to_have_text("Terminée")

    page.get_by_role("link", name="Faire le bilan").click()
    page.get_by_label("Présence", exact=True).select_option("full")
    for criterion in ("Ponctualité et assiduité", "Intégration dans l'équipe", "Gestes du métier"):
        page.get_by_label(criterion).select_option(label="Très satisfaisant")
    page.get_by_label("Le tuteur embaucherait-il la personne ?").select_option(label="Oui")
    page.get_by_label("Le métier plaît-il à la personne ?").select_option(label="Oui")
    page.get_by_label("Suite donnée").select_option(label="Embauche")
    page.get_by_label("Contrat signé (embauche)").select_option("CDI")
    page.get_by_label("Date d'embauche").fill((today + timedelta(days=14)).isoformat())
    page.get_by_label("Heures par semaine du contrat").fill("24,5")
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(page.get_by_text("Bilan enregistré.")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text(["Embauche · CDI le"])

    page.get_by_role("link", name="Maëlle D.").click()
    expect(page.locator(".profile-badges .badge").first).to_have_text("Embauché")
