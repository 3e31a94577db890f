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


def test_the_obstacles_appear_once_the_worker_has_computed_them(page, log_in, live_app):
    from huey.storage import MemoryStorage
    from sqlalchemy import delete

    from webapp.core.queue import huey
    from webapp.extensions import db
    from webapp.shortlists.models import CaseloadObstacles

    saved_storage, saved_immediate = huey.storage, huey._immediate
    huey._immediate = False  # the tasks wait for this test, playing the worker
    huey.storage = MemoryStorage("passerelle-browser")
    try:
        with live_app.app_context():
            db.session.execute(delete(CaseloadObstacles))
            db.session.commit()
        log_in("ae@demo.passerelle.fr")
        page.goto("/profils/")
        section = page.locator("#obstacles")
        expect(section).to_contain_text("Calcul en cours…")
        with live_app.app_context():
            huey.execute(huey.dequeue())
        expect(section.locator("table.obstacles")).to_be_visible()  # the section asked again
        expect(section).not_to_contain_text("Calcul en cours")
    finally:
        huey.storage, huey._immediate = saved_storage, saved_immediate
