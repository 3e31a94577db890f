"""The immersion form in a real browser: a regular week typed once on Monday and copied to the
other working days by static/js/app.js (no inline script), then proposed."""

import re

from playwright.sync_api import expect

from tests.browser.test_immersion_flow import _choose


def test_a_regular_week_is_typed_once_and_copied_to_the_other_days(log_in, page):
    log_in("ae@demo.passerelle.fr")
    page.goto("/profils/nouveau")
    page.get_by_label("Nom d'usage").fill("Inès R.")
    _choose(page, "Commune de résidence", "13001", "Marseille 1er")
    _choose(page, "Métier visé n° 1", "conducteur de bus", "N4103")
    page.get_by_label("Transports en commun").check()
    page.get_by_label("La personne accepte d'être présentée aux employeurs").check()
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inès R.")
    profile_id = re.search(r"/profils/(\d+)", page.url).group(1)
    page.goto(f"/immersions/nouvelle?profile_id={profile_id}")
    page.get_by_label("Entreprise d'accueil").select_option(index=1)
    page.get_by_label("lundi, première plage, début").fill("08:00")
    page.get_by_label("lundi, première plage, fin").fill("12:00")
    page.get_by_label("lundi, seconde plage, début").fill("")
    page.get_by_label("lundi, seconde plage, fin").fill("")
    page.get_by_role("button", name="Recopier le lundi sur les autres jours").click()
    expect(page.get_by_role("status")).to_have_text(
        "Horaires du lundi recopiés du mardi au vendredi.")
    for day in ("mardi", "mercredi", "jeudi", "vendredi"):
        expect(page.get_by_label(f"{day}, première plage, début")).to_have_value("08:00")
        expect(page.get_by_label(f"{day}, première plage, fin")).to_have_value("12:00")
        expect(page.get_by_label(f"{day}, seconde plage, début")).to_have_value("")
    expect(page.get_by_label("samedi, première plage, début")).to_have_value("")
    page.get_by_role("button", name="Proposer l'immersion").click()
    expect(page.locator(".page-head .badge")).to_have_text("Proposée")
    expect(page.get_by_text("20 h par semaine")).to_be_visible()
