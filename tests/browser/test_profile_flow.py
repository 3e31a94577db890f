"""The demo AE creates a profile with the job and place autocompletes and finds it on the caseload."""

import re

from playwright.sync_api import expect


def _choose(page, label: str, typed: str) -> str:
    """Type in an autocomplete box, pick the first suggestion; return what it shows."""
    box = page.get_by_role("combobox", name=label)
    box.fill(typed)
    first = page.locator(f"#{box.get_attribute('aria-controls')} .suggestion").first
    first.wait_for()
    chosen = first.get_attribute("data-label")
    first.click()
    expect(box).to_have_value(chosen)
    return chosen


def test_the_demo_ae_creates_a_profile_and_sees_it_on_the_caseload(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.get_by_role("link", name="Mes personnes suivies").click()
    page.get_by_role("link", name="Nouveau profil").click()
    page.get_by_label("Nom d'usage").fill("Yasmina T.")
    page.get_by_label("Référence du dossier").fill("SOLIS-NAV-001")
    commune = _choose(page, "Commune de résidence", "Marseille 3")
    job = _choose(page, "Métier visé n° 1", "femme de ménage")
    page.get_by_label("Expérience dans ce métier (mois)").first.fill("12")
    page.get_by_label("Transports en commun").check()
    page.get_by_label("Heures par semaine, au moins").fill("15")
    page.get_by_label("Heures par semaine, au plus").fill("30")
    page.get_by_label("La personne accepte d'être présentée aux employeurs").check()
    page.get_by_role("button", name="Enregistrer le profil").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Yasmina T.")
    expect(page.get_by_text("Profil de Yasmina T. créé.")).to_be_visible()
    facts = page.locator(".facts").all_inner_texts()
    assert any(commune in text for text in facts), (commune, facts)
    assert any(job.split(" (")[0] in text for text in facts), (job, facts)
    assert page.get_by_text("Accord donné le").is_visible()

    page.get_by_role("link", name="Mes personnes suivies").click()
    page.get_by_label("Rechercher").fill("Yasmina")
    page.wait_for_url(re.compile(r"[?&]q=Yasmina"))  # the URL keeps the filter
    expect(page.locator("table.caseload caption")).to_have_text("1 personne(s)")
    row = page.locator("table.caseload tbody tr")
    expect(row).to_contain_text("Yasmina T.")
    expect(row).to_contain_text("En accompagnement")


def test_a_field_error_keeps_what_was_typed(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.goto("/profils/nouveau")
    page.get_by_label("Nom d'usage").fill("Hugo R.")
    _choose(page, "Métier visé n° 1", "cariste")
    page.get_by_label("Heures par semaine, au moins").fill("30")
    page.get_by_label("Heures par semaine, au plus").fill("20")
    page.get_by_role("button", name="Enregistrer le profil").click()
    expect(page.get_by_text("Indiquez la commune où vit la personne")).to_be_visible()
    expect(page.get_by_text("Le minimum (30 h) dépasse le maximum d'heures par semaine (20 h).")).to_be_visible()
    expect(page.get_by_label("Nom d'usage")).to_have_value("Hugo R.")
    expect(page.get_by_role("combobox", name="Métier visé n° 1")).not_to_have_value("")


def test_a_village_chosen_in_the_commune_box_fills_the_postal_code(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.get_by_role("link", name="Mes personnes suivies").click()
    page.get_by_role("link", name="Nouveau profil").click()
    chosen = _choose(page, "Commune de résidence", "Salin de")
    assert chosen == "Arles – Salin-de-Giraud, 13129"
    expect(page.get_by_label(re.compile("Code postal"))).to_have_value("13129")
