"""An AE downloads the offers pool as an Excel workbook, and finds the partners' tools on a
person's page, opening in a new tab."""

from openpyxl import load_workbook
from playwright.sync_api import expect


def test_the_pool_downloads_as_a_workbook_that_opens(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.goto("/offres/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    with open(download.value.path(), "rb") as file:  # saved without its .xlsx name
        sheet = load_workbook(file).active
    assert sheet["A1"].value == "Référence" and sheet.freeze_panes == "A2" and sheet.max_row > 1


def test_a_person_s_page_links_to_the_partners_in_a_new_tab(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.goto("/profils/", timeout=60_000)  # the caseload counts what is within reach
    people = page.locator("#caseload-results tbody tr a")
    people.first.wait_for()
    addresses = [people.nth(n).get_attribute("href") for n in range(min(people.count(), 10))]
    tools = page.get_by_role("heading", name="Outils des partenaires")
    for address in addresses:  # the first person with an obstacle or a target job
        page.goto(address, timeout=60_000)
        if tools.count():
            break
    expect(tools).to_be_visible()
    link = page.locator("a.partner-link").first
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
