from playwright.sync_api import expect


def test_an_ae_sees_what_is_within_reach_and_the_candidates_of_an_offer(page, log_in):
    log_in("ae@demo.passerelle.fr")
    page.goto("/profils/")
    # counted with the page, or shown « calcul en cours… » then filled in by htmx
    expect(page.locator("#caseload-results td.offers-in-reach .badge").first).to_be_visible()
    expect(page.locator("#caseload-results")).not_to_contain_text("calcul en cours")
    obstacles = page.get_by_role("heading", name="Les obstacles qui ferment le plus de portes")
    obstacles.wait_for()
    page.locator("#caseload-results tbody tr a").first.click()
    reach = page.get_by_role("heading", name="Offres et immersions à portée")
    reach.wait_for()
    first_offer = page.locator("#a-portee .match-card a").first
    if first_offer.count() == 0:  # nobody's perfect: try the next people of the caseload
        page.go_back()
        page.locator("#caseload-results tbody tr a").nth(1).click()
        reach.wait_for()
        first_offer = page.locator("#a-portee .match-card a").first
    assert page.locator("#a-portee .score-bar").count() >= 1
    first_offer.click()
    page.get_by_role("heading", name="Candidats proposés").wait_for()
    card = page.locator("#candidats .match-card").first
    assert " min " in card.locator(".match-travel").inner_text()
    card.get_by_text("Pourquoi ce score").click()
    assert card.get_by_text("Trajet estimé").first.is_visible()
