"""The whole loop of the cellule emploi: the AE puts a person forward, the agenda shows them
with suggested offers, the animateur gives them to a CRE, the CRE sends a card to an employer,
the employer answers "interested", the CRE records the hire, the AE sees it on the caseload."""

import re
from contextlib import contextmanager
from datetime import timedelta

from playwright.sync_api import expect

from webapp.core import clock
from webapp.demo import DEMO_PASSWORD
from webapp.demo.people import demo_staff

CRE_EMAIL = "cre@demo.passerelle.fr"


@contextmanager
def logged_in(browser, live_server, email: str):
    """A page of its own, logged in as a demo account."""
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")
    try:
        yield page
    finally:
        context.close()


def open_caseload(page) -> None:
    """Go to the caseload and wait until htmx drives its filters.

    The obstacles section is loaded by htmx once it has processed the page (hx-trigger="load"):
    when it is there, the search box and the filters send their requests. Typing earlier is lost.
    """
    page.get_by_role("link", name="Mes personnes suivies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes personnes suivies")
    expect(page.locator("#obstacles")).to_be_visible()


def put_forward_someone_with_offers_in_reach(page) -> str:
    """From the caseload, the first person with offers in reach whom the AE may put forward."""
    open_caseload(page)
    page.get_by_label("Situation").select_option(label="En accompagnement")
    page.wait_for_url(re.compile(r"status=accompaniment"))
    rows = page.locator("table.caseload tbody tr")
    expect(rows.first.locator("td.offers-in-reach .badge")).to_be_visible()
    candidates = [
        rows.nth(i).locator("th a").get_attribute("href")
        for i in range(rows.count())
        if rows.nth(i).locator("td.offers-in-reach .badge.good").count()
    ]
    for href in candidates:
        page.goto(href)
        button = page.get_by_role("link", name="Proposer à la cellule emploi")
        block = page.locator("#cellule-parcours")
        expect(block).to_be_visible()
        if button.count():
            label = page.get_by_role("heading", level=1).inner_text().split(" P-")[0].strip()
            button.click()
            page.get_by_label("Ce que la personne recherche").fill(
                "Un poste en journée, près de chez elle."
            )
            page.get_by_label("Ce que vous pouvez garantir à un employeur").fill(
                "Ponctuelle et motivée."
            )
            page.get_by_role("button", name="Proposer à la prochaine séance").click()
            expect(page.locator(".flash-success")).to_contain_text("est proposé(e) à la séance du")
            return label
    raise AssertionError("aucune personne de la démo à proposer avec des offres à portée")


def test_the_whole_loop_from_the_ae_to_the_hire(browser, live_server):
    cre_name = next(s.display_name for s in demo_staff() if s.email == CRE_EMAIL)
    with logged_in(browser, live_server, "employeur@demo.passerelle.fr") as employer:
        employer.get_by_role("link", name="Mon espace employeur").click()
        company = employer.locator("p", has_text="Entreprise :").locator("strong").inner_text()

    with logged_in(browser, live_server, "ae@demo.passerelle.fr") as ae:
        person = put_forward_someone_with_offers_in_reach(ae)

    with logged_in(browser, live_server, "animateur@demo.passerelle.fr") as animateur:
        animateur.get_by_role("link", name="Cellule emploi", exact=True).click()
        animateur.locator("tr", has_text="Marseille I ").get_by_role(
            "link", name="Ordre du jour"
        ).click()
        entry = animateur.locator(".agenda-entry", has_text=person).first
        entry.scroll_into_view_if_needed()  # the suggested offers load as the entry comes into view
        expect(entry.locator(".suggested-offers")).to_contain_text(
            "Offres suggérées par le matching"
        )
        expect(entry.locator(".suggested-list li").first).to_be_visible()
        animateur.get_by_role("link", name="Écran de séance").click()
        block = animateur.locator("section.person-block", has_text=person)
        expect(block.locator(".suggestion-text")).to_contain_text("Suggestion de la plateforme")
        cre_option = block.locator(".assign option", has_text=cre_name).get_attribute("value")
        block.get_by_label("CRE chargé(e) de la promotion").select_option(value=cre_option)
        block.get_by_role("button", name=re.compile("^Confier")).click()  # htmx: no reload
        expect(block.locator(".assigned")).to_contain_text(cre_name)

    with logged_in(browser, live_server, CRE_EMAIL) as cre:
        cre.get_by_role("link", name="Mes promotions").click()
        cre.locator("tr", has_text=person).get_by_role(
            "link", name=re.compile("Promouvoir")
        ).click()
        cre.get_by_role("combobox", name="Employeur").fill(company[:12])
        cre.locator(".suggestion", has_text=company).first.click()
        cre.get_by_role("button", name="Préparer la carte", exact=True).click()
        cre.wait_for_url(re.compile(r"/promotions/\d+$"))
        promotion_url = cre.url
        reference = re.search(r"C-\d{5}", cre.get_by_role("heading", level=1).inner_text()).group(0)
        expect(cre.locator(".profile-card")).not_to_contain_text(person)
        cre.get_by_role("button", name="Envoyer la carte à l'employeur").click()
        confirm = cre.get_by_role("button", name="Confirmer l'envoi malgré les alertes")
        if confirm.count():  # the demo employer may already have had cards this week
            confirm.click()
        expect(cre.locator(".flash-success")).to_contain_text(f"Carte {reference} envoyée")

    with logged_in(browser, live_server, "employeur@demo.passerelle.fr") as employer:
        employer.get_by_role("link", name="Mon espace employeur").click()
        employer.get_by_role("link", name="Profils proposés par la task force").click()
        employer.get_by_role("link", name=f"Profil {reference}").click()
        expect(employer.locator("main")).not_to_contain_text(person)
        employer.get_by_label("Je suis intéressé(e) : je propose une rencontre").check()
        employer.get_by_label("Type de rencontre proposée").select_option("interview")
        employer.get_by_label("Date proposée").fill((clock.today() + timedelta(days=5)).isoformat())
        employer.get_by_role("button", name="Envoyer ma réponse").click()
        expect(employer.locator(".flash-success")).to_contain_text("votre réponse est transmise")
        expect(employer.locator("main .badge").first).to_have_text("Vous êtes intéressé(e)")

    with logged_in(browser, live_server, CRE_EMAIL) as cre:
        cre.goto(promotion_url)
        form = cre.locator("details.step-form").filter(has=cre.get_by_text("Embauche", exact=True))
        form.locator("summary").click()
        form.get_by_label("Premier jour de travail").fill(
            (clock.today() + timedelta(days=10)).isoformat()
        )
        form.get_by_label("Contrat signé").select_option("CDI")
        form.get_by_label("Heures par semaine").fill("35")
        form.get_by_role("button", name="Enregistrer : Embauche").click()
        expect(cre.locator(".flash-success")).to_contain_text("Étape enregistrée : Embauche")

    with logged_in(browser, live_server, "ae@demo.passerelle.fr") as ae:
        open_caseload(ae)
        ae.get_by_label("Rechercher").fill(person)
        ae.wait_for_url(re.compile(r"[?&]q="))
        row = ae.locator("table.caseload tbody tr", has_text=person).first
        expect(row).to_contain_text("Embauché")
