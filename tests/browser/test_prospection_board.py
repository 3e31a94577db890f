"""The prospection board: cre@demo moves a card with the keyboard (its button), then another one
by dragging it; each move opens the log form and lands the card in its new column."""

import re

from playwright.sync_api import expect

SUBMIT = "Enregistrer le changement"


def _my_card(page, stage: str):
    column = page.locator(f'section.board-column[data-stage="{stage}"]')
    return column.locator(".board-card").filter(has=page.locator(".badge", has_text="vous")).first


def _submit(page, dialog) -> None:
    """Submit from the keyboard (the job autocomplete's list may still cover the button)."""
    dialog.get_by_role("button", name=SUBMIT).focus()
    page.keyboard.press("Enter")


def _submit_and_confirm_if_warned(page, dialog) -> None:
    """Submit; if another organisation contacted the company lately, confirm and resubmit."""
    _submit(page, dialog)
    page.wait_for_selector("#deplacement[open] .flash-warning, #tableau .board-status:not(:empty)")
    if dialog.locator(".flash-warning").is_visible():
        expect(dialog.locator(".flash-warning")).to_contain_text("Contact récent d'une autre "
                                                                 "organisation")
        dialog.get_by_label("Je confirme").check()
        _submit(page, dialog)


def test_a_cre_moves_cards_by_keyboard_and_by_drag(log_in, page):
    log_in("cre@demo.passerelle.fr")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Prospection", exact=True).click()
    page.wait_for_url("**/prospection/I/")
    expect(page.get_by_role("heading", name="À prospecter")).to_be_visible()

    card = _my_card(page, "to_prospect")
    name = card.locator("h3").inner_text()
    card.get_by_role("link", name=re.compile("Changer d'étape")).focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog#deplacement")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Nouvelle étape")).to_be_focused()
    dialog.get_by_label("Nouvelle étape").select_option("contacted")
    dialog.get_by_label("Ce qui s'est dit").fill("Appel à la gérante : intéressée par une "
                                                 "immersion.")
    _submit_and_confirm_if_warned(page, dialog)
    expect(page.locator(".board-status")).to_have_text(
        f"« {name} » passée à l'étape « Contacté ».")
    expect(dialog).not_to_be_visible()
    contacted = page.locator('section.board-column[data-stage="contacted"]')
    expect(contacted.locator(".board-card", has_text=name)).to_be_visible()

    dragged = _my_card(page, "contacted")
    dragged_name = dragged.locator("h3").inner_text()
    dragged.drag_to(page.locator('section.board-column[data-stage="need_identified"]'))
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Nouvelle étape")).to_have_value("need_identified")
    dialog.get_by_label("Suite donnée").select_option("need_detected")
    dialog.get_by_label("Ce qui s'est dit").fill("Deux postes de préparateur en janvier.")
    dialog.get_by_label("Métier du besoin repéré").fill("préparateur de commandes")
    dialog.locator(".suggestion", has_text="N1103").first.click()
    _submit_and_confirm_if_warned(page, dialog)
    expect(page.locator(".board-status")).to_have_text(
        f"« {dragged_name} » passée à l'étape « Besoin identifié ».")
    identified = page.locator('section.board-column[data-stage="need_identified"]')
    expect(identified.locator(".board-card", has_text=dragged_name)).to_be_visible()
